package dev.invalidator.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PricingTest {

    @Nested
    class Charge {

        @ParameterizedTest(name = "{0} paths after {1} used: {2} free left, {3} free used, {4} charged, ${5}")
        @CsvSource(delimiter = '|', textBlock = """
                # paths    | used       | free left | free used | charged    | dollars
                  1200       | 950        | 50        | 50        | 1150       | 5.75
                  0          | 0          | 1000      | 0         | 0          | 0
                  10         | 0          | 1000      | 10        | 0          | 0
                  1000       | 0          | 1000      | 1000      | 0          | 0
                  1001       | 0          | 1000      | 1000      | 1          | 0.005
                  1          | 999        | 1         | 1         | 0          | 0
                  2          | 999        | 1         | 1         | 1          | 0.005
                  1          | 1000       | 0         | 0         | 1          | 0.005
                  0          | 1000       | 0         | 0         | 0          | 0
                  5          | 1500       | 0         | 0         | 5          | 0.025
                  0          | 5000       | 0         | 0         | 0          | 0
                  3000       | 0          | 1000      | 1000      | 2000       | 10
                  2147483647 | 0          | 1000      | 1000      | 2147482647 | 10737413.235
                  2147483647 | 2147483647 | 0         | 0         | 2147483647 | 10737418.235
                  1          | 2147483647 | 0         | 0         | 1          | 0.005
                  0          | 2147483647 | 0         | 0         | 0          | 0
                """)
        void splits_the_request_into_free_and_charged_paths(
                int paths, int used, int freeLeft, int freeUsed, int charged, BigDecimal dollars) {
            PathCharge charge = Pricing.charge(paths, used);

            assertThat(charge)
                    .usingRecursiveComparison()
                    .ignoringFields("charge")
                    .isEqualTo(new PathCharge(
                            paths, used, freeLeft, freeUsed, charged, BigDecimal.ZERO, MonthCount.fresh(used)));
            assertThat(charge.charge()).isEqualByComparingTo(dollars);
        }

        @ParameterizedTest(name = "{0} paths after {1} used: past the free tier {2}, crossing it {3}")
        @CsvSource(delimiter = '|', textBlock = """
                # paths    | used       | goes past | crosses
                  1200       | 950        | true      | true
                  1001       | 0          | true      | true
                  2          | 999        | true      | true
                  2147483647 | 1          | true      | true
                  1000       | 0          | false     | false
                  1          | 999        | false     | false
                  0          | 0          | false     | false
                  0          | 1000       | false     | false
                  1          | 1000       | true      | false
                  5          | 1500       | true      | false
                  2147483647 | 2147483647 | true      | false
                """)
        void tells_whether_the_request_costs_money_and_whether_it_is_the_one_that_ends_the_free_tier(
                int paths, int used, boolean goesPast, boolean crosses) {
            PathCharge charge = Pricing.charge(paths, used);

            assertThat(charge.goesPastFreeTier()).as("goes past").isEqualTo(goesPast);
            assertThat(charge.crossesFreeTier()).as("crosses").isEqualTo(crosses);
        }

        @Test
        void three_distributions_of_600_paths_in_one_month_are_charged_for_800_as_in_the_aws_guide() {
            int used = 0;
            List<PathCharge> charges = new ArrayList<>();
            for (int distribution = 0; distribution < 3; distribution++) {
                charges.add(Pricing.charge(600, used));
                used += 600;
            }

            assertThat(charges).extracting(PathCharge::chargedPaths).containsExactly(0, 200, 600);
            assertThat(charges.stream().map(PathCharge::charge).reduce(BigDecimal.ZERO, BigDecimal::add))
                    .isEqualByComparingTo("4.00");
        }

        @Test
        void every_split_adds_up_and_crossing_means_starting_below_and_ending_above_the_free_tier() {
            List<String> wrong = new ArrayList<>();
            IntStream.rangeClosed(0, 1_500)
                    .forEach(paths -> IntStream.rangeClosed(0, 1_500).forEach(used -> {
                        PathCharge charge = Pricing.charge(paths, used);
                        boolean crosses = used < 1_000 && (long) used + paths > 1_000;
                        if (charge.freeUsedByRequest() + charge.chargedPaths() != paths
                                || charge.charge()
                                                .compareTo(new BigDecimal("0.005")
                                                        .multiply(BigDecimal.valueOf(charge.chargedPaths())))
                                        != 0
                                || charge.crossesFreeTier() != crosses) {
                            wrong.add(charge.toString());
                        }
                    }));

            assertThat(wrong).isEmpty();
        }

        @Test
        void the_charge_is_exact_and_not_rounded_to_cents() {
            assertThat(Pricing.charge(1, 1_000).charge()).isEqualTo(new BigDecimal("0.005"));
        }

        @Test
        void a_negative_path_count_is_refused() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> Pricing.charge(-1, 0))
                    .withMessage("pathsInRequest must not be negative, was -1");
        }

        @Test
        void a_count_not_known_prices_every_path_as_charged() {
            PathCharge charge = Pricing.charge(3, MonthCount.notKnown());

            assertThat(charge.chargedPaths()).isEqualTo(3);
            assertThat(charge.goesPastFreeTier()).isTrue();
            assertThat(charge.counted()).isEqualTo(MonthCount.notKnown());
        }

        @Test
        void a_negative_monthly_count_is_refused() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> Pricing.charge(1, -5))
                    .withMessage("usedThisMonth must not be negative, was -5");
        }

        @Test
        void a_charge_cannot_be_built_without_an_amount() {
            assertThatNullPointerException()
                    .isThrownBy(() -> new PathCharge(1, 0, 1000, 1, 0, null, MonthCount.fresh(0)))
                    .withMessage("charge");
        }
    }

    @Nested
    class Dollars {

        @ParameterizedTest(name = "{0} shows as {1}")
        @CsvSource(delimiter = '|', textBlock = """
                0               | $0.00
                0.000           | $0.00
                1               | $1.00
                5.75            | $5.75
                5.750           | $5.75
                0.005           | $0.01
                0.015           | $0.02
                0.025           | $0.03
                0.014           | $0.01
                0.0149999       | $0.01
                1234.5          | $1,234.50
                1E+3            | $1,000.00
                10737418.235    | $10,737,418.24
                1000000         | $1,000,000.00
                """)
        void shows_cents_rounded_half_up_with_grouped_thousands(BigDecimal amount, String shown) {
            assertThat(Pricing.dollars(amount)).isEqualTo(shown);
        }

        @ParameterizedTest(name = "{0} shows as <$0.01")
        @CsvSource({"0.004", "0.0049999", "0.00001", "1E-30"})
        void never_shows_a_non_zero_amount_as_free(BigDecimal amount) {
            assertThat(Pricing.dollars(amount)).isEqualTo("<$0.01");
        }

        @Test
        void shows_the_charge_of_the_example_request() {
            assertThat(Pricing.dollars(Pricing.charge(1_200, 950).charge())).isEqualTo("$5.75");
        }

        @Test
        void a_negative_amount_is_refused() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> Pricing.dollars(new BigDecimal("-0.01")))
                    .withMessage("amount must not be negative, was -0.01");
        }

        @Test
        void a_missing_amount_is_refused() {
            assertThatNullPointerException()
                    .isThrownBy(() -> Pricing.dollars(null))
                    .withMessage("amount");
        }
    }
}
