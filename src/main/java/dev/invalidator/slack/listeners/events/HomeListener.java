package dev.invalidator.slack.listeners.events;

import com.slack.api.bolt.App;
import com.slack.api.model.event.AppHomeOpenedEvent;
import dev.invalidator.chat.HomeView;
import dev.invalidator.flow.CommandHandler;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Home tab: published when opened; its "New invalidation" button opens the request form. */
public final class HomeListener {

    private static final Logger log = LoggerFactory.getLogger(HomeListener.class);

    private HomeListener() {
    }

    public static void register(App app, CommandHandler handler, Executor workers) {
        app.event(AppHomeOpenedEvent.class, (request, context) -> {
            String userId = request.getEvent().getUser();
            run(workers, () -> handler.homeOpened(userId));
            return context.ack();
        });
        app.blockAction(HomeView.NEW_INVALIDATION, (request, context) -> {
            String userId = request.getPayload().getUser().getId();
            String triggerId = request.getPayload().getTriggerId();
            run(workers, () -> handler.openFormFromHome(userId, triggerId));
            return context.ack();
        });
    }

    private static void run(Executor workers, Runnable work) {
        try {
            workers.execute(work);
        } catch (RejectedExecutionException busy) {
            log.warn("Worker queue full; a Home tab action was dropped (opening the tab again retries it)");
        }
    }
}
