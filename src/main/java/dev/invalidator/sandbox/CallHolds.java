package dev.invalidator.sandbox;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Holds queued per call name (a Web API method, a CloudFront operation), each taken by the next such call. */
final class CallHolds {

    private final Map<String, Deque<CallHold>> queued = new HashMap<>();

    synchronized CallHold holdNext(String call, CallHold.Point point) {
        CallHold hold = new CallHold(point);
        queued.computeIfAbsent(call, name -> new ArrayDeque<>()).addLast(hold);
        return hold;
    }

    synchronized Optional<CallHold> take(String call) {
        Deque<CallHold> holds = queued.get(call);
        return Optional.ofNullable(holds == null ? null : holds.pollFirst());
    }

    /** True when the call may go on past {@code point}: no hold there, or the hold was released. */
    static boolean pass(Optional<CallHold> hold, CallHold.Point point) {
        return hold.filter(held -> held.point() == point).map(CallHold::stop).orElse(true);
    }
}
