package dev.invalidator.slack.listeners.events;

import com.slack.api.bolt.App;
import com.slack.api.model.event.AppHomeOpenedEvent;
import dev.invalidator.chat.HomeView;
import dev.invalidator.flow.CommandHandler;
import dev.invalidator.slack.listeners.Handoff;
import java.util.concurrent.Executor;

/** The Home tab: published when opened; its "New invalidation" button opens the request form. */
public final class HomeListener {

    private HomeListener() {}

    public static void register(App app, CommandHandler handler, Executor workers) {
        app.event(AppHomeOpenedEvent.class, (request, context) -> {
            String userId = request.getEvent().getUser();
            Handoff.toWorkers(workers, () -> handler.homeOpened(userId), "a Home tab opening");
            return context.ack();
        });
        app.blockAction(HomeView.NEW_INVALIDATION, (request, context) -> {
            String userId = request.getPayload().getUser().getId();
            String triggerId = request.getPayload().getTriggerId();
            Handoff.toWorkers(workers, () -> handler.openFormFromHome(userId, triggerId), "a New invalidation click");
            return context.ack();
        });
    }
}
