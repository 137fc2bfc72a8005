package dev.invalidator.flow;

import java.time.Instant;

/**
 * A request waiting for a click (Confirm, Approve…), as the instance that got the click finds it: held in its memory
 * because it asked, or carried in the click itself by a {@link RequestTicket}. Either way, what it says is checked
 * again before anything is sent (see {@link SubmitInvalidation#recheck}).
 */
sealed interface Waiting {

    /** The question's id: a click acts once per id on each instance. */
    String id();

    String requester();

    /** Where the status message goes. */
    String channel();

    String distributionId();

    int pathCount();

    Instant askedAt();

    /** Asked by this instance, which still holds the request as it was checked then. */
    record Held(String id, PreparedRequest request, Instant askedAt) implements Waiting {

        @Override
        public String requester() {
            return request.requester();
        }

        @Override
        public String channel() {
            return request.channel();
        }

        @Override
        public String distributionId() {
            return request.distribution().id();
        }

        @Override
        public int pathCount() {
            return request.paths().accepted().size();
        }
    }

    /** Read from the ticket the click brought back: parsed and checked again as if typed before anything is sent. */
    record Carried(RequestTicket ticket) implements Waiting {

        @Override
        public String id() {
            return ticket.id();
        }

        @Override
        public String requester() {
            return ticket.requester();
        }

        @Override
        public String channel() {
            return ticket.channel();
        }

        @Override
        public String distributionId() {
            return ticket.distributionId();
        }

        @Override
        public int pathCount() {
            return ticket.paths().size();
        }

        @Override
        public Instant askedAt() {
            return ticket.askedAt();
        }
    }
}
