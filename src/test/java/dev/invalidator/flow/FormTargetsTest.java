package dev.invalidator.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.chat.RequestForm.Choice;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** How the form's picker ranks the targets for what the person typed. */
class FormTargetsTest {

    private static final List<Choice> CHOICES = List.of(
            new Choice("shop-web", "shop-web · E3SHOP · shop.example.com"),
            new Choice("web", "web · E1WEB · www.example.com"),
            new Choice("webshop", "webshop · E4WEBSHOP"),
            new Choice("acme", "acme · dt_acme · acme.saas.example.com"),
            new Choice("sites", "sites · group of web, shop-web and acme"));

    private static List<String> best(String typed) {
        return FormTargets.best(CHOICES, typed).stream().map(Choice::alias).toList();
    }

    @Test
    void the_one_named_exactly_comes_first_then_names_starting_with_it_then_labels_with_a_word_that_does() {
        assertThat(best("web")).containsExactly("web", "webshop", "shop-web", "sites");
    }

    @Test
    void a_fragment_of_a_domain_or_an_id_finds_its_target_case_aside() {
        assertThat(best("saas.EXAMPLE")).containsExactly("acme");
        assertThat(best("e4web")).containsExactly("webshop");
    }

    @Test
    void every_word_typed_must_be_in_the_label() {
        assertThat(best("shop example")).containsExactly("shop-web");
    }

    @Test
    void nothing_typed_keeps_the_configs_order_and_a_menu_holds_a_hundred() {
        assertThat(best("")).containsExactly("shop-web", "web", "webshop", "acme", "sites");
        List<Choice> many = IntStream.range(0, 250)
                .mapToObj(n -> new Choice("site-" + n, "site-" + n))
                .toList();
        assertThat(FormTargets.best(many, "site")).hasSize(100);
    }
}
