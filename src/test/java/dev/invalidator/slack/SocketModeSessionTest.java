package dev.invalidator.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.socket_mode.impl.SocketModeClientJavaWSImpl;
import org.java_websocket.client.WebSocketClient;
import org.junit.jupiter.api.Test;

/** What {@link SocketModeSession} relies on inside the Slack SDK, which offers no setting for it. */
class SocketModeSessionTest {

    @Test
    void the_sdk_client_still_keeps_its_websocket_where_nagle_is_turned_off() throws NoSuchFieldException {
        Class<?> session = SocketModeClientJavaWSImpl.class
                .getDeclaredField(SocketModeSession.SESSION_FIELD)
                .getType();

        assertThat(WebSocketClient.class).isAssignableFrom(session);
    }
}
