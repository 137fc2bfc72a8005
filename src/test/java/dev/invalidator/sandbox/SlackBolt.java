package dev.invalidator.sandbox;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;

/** A real Bolt app wired to a {@link SlackSimulator}: real HTTP client, real Socket Mode client (Java-WebSocket). */
final class SlackBolt implements AutoCloseable {

    final Slack slack;
    final App app;
    private SocketModeApp socketMode;

    SlackBolt(SlackSimulator sim) {
        this.slack = slackFor(sim);
        this.app = new App(AppConfig.builder()
                .slack(slack)
                .singleTeamBotToken(sim.botToken())
                .build());
    }

    /** A {@link Slack} whose Web API calls go to the simulator. */
    static Slack slackFor(SlackSimulator sim) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(sim.apiUrl());
        config.setStatsEnabled(false);
        return Slack.getInstance(config);
    }

    /** Starts Socket Mode (calls auth.test and apps.connections.open); returns once started, not connected. */
    SlackBolt start(SlackSimulator sim) throws Exception {
        socketMode = new SocketModeApp(sim.appToken(), app, SocketModeClient.Backend.JavaWebSocket);
        socketMode.startAsync();
        return this;
    }

    /** Stops Socket Mode (disconnects, stops the App), shuts the client's executors down, closes the HTTP client. */
    @Override
    public void close() {
        try {
            if (socketMode != null) {
                SocketModeClient client = socketMode.getClient();
                socketMode.stop();
                if (client != null) {
                    client.close();
                }
            }
            slack.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the Bolt app", e);
        }
    }
}
