package dev.invalidator.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NumbersTest {

    private final Locale defaultLocale = Locale.getDefault();
    private final Locale formatLocale = Locale.getDefault(Locale.Category.FORMAT);
    private final Locale displayLocale = Locale.getDefault(Locale.Category.DISPLAY);

    @AfterEach
    void restoreTheLocale() {
        Locale.setDefault(defaultLocale);
        Locale.setDefault(Locale.Category.FORMAT, formatLocale);
        Locale.setDefault(Locale.Category.DISPLAY, displayLocale);
    }

    @Test
    void groups_thousands_with_commas() {
        assertThat(Numbers.grouped(3_001)).isEqualTo("3,001");
        assertThat(Numbers.grouped(1_234_567)).isEqualTo("1,234,567");
    }

    @Test
    void leaves_small_and_negative_numbers_plain() {
        assertThat(Numbers.grouped(0)).isEqualTo("0");
        assertThat(Numbers.grouped(999)).isEqualTo("999");
        assertThat(Numbers.grouped(-1_000)).isEqualTo("-1,000");
    }

    @Test
    void a_german_default_locale_changes_nothing() {
        Locale.setDefault(Locale.GERMANY);

        assertThat(Numbers.grouped(1_000)).isEqualTo("1,000");
    }

    @Test
    void a_default_locale_with_other_digits_changes_nothing() {
        Locale.setDefault(Locale.forLanguageTag("ar-EG"));

        assertThat(Numbers.grouped(1_000)).isEqualTo("1,000");
    }
}
