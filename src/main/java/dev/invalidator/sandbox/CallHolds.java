package dev.invalidator.sandbox;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Holds queued per call name (a Web API method, a CloudFront operation), each taken by the next such call; and
 * gatherings ({@link CallGathering}), which keep the calls they match until all have come.
 */
final class CallHolds {

    private final Map<String, Deque<CallHold>> queued = new HashMap<>();
    private final List<CallGathering> gatherings = new CopyOnWriteArrayList<>();

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

    CallGathering gatherNext(String call, Predicate<Map<String, String>> which, int callers) {
        CallGathering gathering = new CallGathering(call, which, callers);
        gatherings.add(gathering);
        return gathering;
    }

    /** The gathering that keeps this call, if one does. */
    Optional<CallGathering> gathering(String call, Map<String, String> params) {
        Optional<CallGathering> keeping =
                gatherings.stream().filter(g -> g.takes(call, params)).findFirst();
        keeping.filter(CallGathering::full).ifPresent(gatherings::remove);
        return keeping;
    }
}
