package dev.invalidator.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.config.BotConfig;
import dev.invalidator.config.ConfigException;
import dev.invalidator.config.ConfigLoader;
import dev.invalidator.config.DistributionConfig;
import dev.invalidator.demo.DemoWorld.Channel;
import dev.invalidator.demo.DemoWorld.Group;
import dev.invalidator.demo.DemoWorld.Person;
import dev.invalidator.demo.DemoWorld.Site;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The simulated world holds everything its config names, so every rule of the config can be tried. */
class DemoWorldTest {

    private static void assertSeedsEverythingTheConfigNames(DemoWorld world) {
        BotConfig config = world.config();
        assertThat(world.sites().stream().map(Site::id))
                .containsExactlyElementsOf(config.distributions().values().stream()
                        .map(DistributionConfig::id)
                        .toList());
        assertThat(world.channels().stream().map(Channel::id))
                .containsAll(config.distributions().values().stream()
                        .flatMap(distribution -> distribution.channels().ids().stream())
                        .toList());
        Stream<String> userAndGroupIds = config.distributions().values().stream()
                .flatMap(distribution -> Stream.concat(
                        distribution.users().ids().stream(), distribution.approval().approvers().ids().stream()));
        assertThat(userAndGroupIds)
                .allSatisfy(id -> assertThat(
                                id.startsWith("S")
                                        ? world.groups().stream().map(Group::id)
                                        : world.people().stream().map(Person::id))
                        .contains(id));
    }

    @Nested
    class TheSample {

        private final DemoWorld sample = DemoWorld.sample();

        @Test
        void seeds_everything_its_config_names() {
            assertSeedsEverythingTheConfigNames(sample);
        }

        @Test
        void has_a_channel_the_bot_is_not_in_and_a_person_not_on_a_list() {
            assertThat(sample.channels()).anyMatch(channel -> !channel.botIsMember());
            assertThat(sample.config()
                            .byAlias("images")
                            .orElseThrow()
                            .users()
                            .contains(sample.person("bob").orElseThrow().id()))
                    .isFalse();
        }
    }

    @Nested
    class FromATeamsConfig {

        private final DemoWorld world = DemoWorld.from(config(), "team.yml");

        private static BotConfig config() {
            try {
                return ConfigLoader.parse("""
                        distributions:
                          site:
                            id: E9SITEEXAMPLE
                            channels: [C0TEAM, G0PRIVATE]
                            users: [U0ME, S0SRE]
                            roleArn: arn:aws:iam::111122223333:role/invalidator
                            approvers: [W0LEAD]
                        """, "team.yml", ConfigLoader.Format.YAML);
            } catch (ConfigException e) {
                throw new IllegalStateException(e);
            }
        }

        @Test
        void seeds_everything_its_config_names() {
            assertSeedsEverythingTheConfigNames(world);
        }

        @Test
        void gives_each_user_group_a_member_and_adds_a_guest_and_two_channels_to_try_refusals() {
            Group sre = world.groups().get(0);
            assertThat(world.person(sre.members().get(0))).isPresent();
            assertThat(world.person("guest")).isPresent();
            assertThat(world.channel("#elsewhere"))
                    .hasValueSatisfying(
                            channel -> assertThat(channel.botIsMember()).isTrue());
            assertThat(world.channel("#not-invited"))
                    .hasValueSatisfying(
                            channel -> assertThat(channel.botIsMember()).isFalse());
        }

        @Test
        void leaves_roles_out_and_says_so() {
            assertThat(world.config().byAlias("site").orElseThrow().roleArn()).isEmpty();
            assertThat(world.invented()).anyMatch(what -> what.contains("roleArn of site left out"));
        }

        @Test
        void starts_as_the_first_person_listed_in_the_first_channel_listed() {
            assertThat(world.startAs().id()).isEqualTo("U0ME");
            assertThat(world.startIn().id()).isEqualTo("C0TEAM");
        }
    }
}
