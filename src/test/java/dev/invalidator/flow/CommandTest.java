package dev.invalidator.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandTest {

    @Test
    void a_target_and_paths_make_an_invalidation() {
        assertThat(Command.parse("web /index.html /css/*"))
                .isEqualTo(new Command.Invalidate("web", List.of("/index.html", "/css/*")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\n"})
    void no_text_asks_for_the_form(String text) {
        assertThat(Command.parse(text)).isInstanceOf(Command.OpenForm.class);
    }

    @Test
    void status_takes_a_target_and_an_optional_id() {
        assertThat(Command.parse("status web I2J0I21PCUYOIK"))
                .isEqualTo(new Command.Status(Optional.of("web"), Optional.of("I2J0I21PCUYOIK")));
    }

    @Test
    void an_escaped_greater_than_in_a_link_label_does_not_end_the_link() {
        assertThat(Command.parse("web <https://www.example.com/a.jpg|a&gt;b>"))
                .isEqualTo(new Command.Invalidate("web", List.of("https://www.example.com/a.jpg")));
    }

    @Test
    void entities_inside_a_link_are_decoded_after_it_is_unwrapped() {
        assertThat(Command.parse("web <https://www.example.com/p?a=1&amp;b=2|p>"))
                .isEqualTo(new Command.Invalidate("web", List.of("https://www.example.com/p?a=1&b=2")));
    }

    @Test
    void a_typed_angle_bracket_path_stays_a_path() {
        assertThat(Command.parse("web /&lt;!channel&gt;"))
                .isEqualTo(new Command.Invalidate("web", List.of("/<!channel>")));
    }
}
