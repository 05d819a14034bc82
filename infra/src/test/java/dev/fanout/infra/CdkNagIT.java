package dev.fanout.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fanout.deployment.DeploymentSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/** cdk-nag's AwsSolutions checks, as {@code cdk synth} runs them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CdkNagIT {

    /** Rules the stack suppresses on purpose; a new one must be added here with thought, not just suppressed. */
    private static final Set<String> ACCEPTED_RULES = Set.of("AwsSolutions-IAM4", "AwsSolutions-IAM5",
            "AwsSolutions-L1", "AwsSolutions-SF1", "AwsSolutions-S1", "AwsSolutions-APIG3", "AwsSolutions-COG4");

    private FanoutStack stack;
    private JsonNode resources;

    @BeforeAll
    void synthesize() {
        stack = SynthesizedStack.create(DeploymentSettings.defaults());
        resources = new ObjectMapper().valueToTree(Template.fromStack(stack).toJSON()).get("Resources");
    }

    @Test
    void hasNoUnsuppressedAwsSolutionsErrors() {
        List<SynthesisMessage> errors = Annotations.fromStack(stack)
                .findError("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        assertThat(errors).extracting(m -> m.getId() + " " + m.getEntry().getData()).isEmpty();
    }

    @Test
    void hasNoAwsSolutionsWarnings() {
        List<SynthesisMessage> warnings = Annotations.fromStack(stack)
                .findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        assertThat(warnings).extracting(m -> m.getId() + " " + m.getEntry().getData()).isEmpty();
    }

    @Test
    void everySuppressionIsAnAcceptedRuleWithASpecificReason() {
        List<JsonNode> suppressions = suppressions();
        assertThat(suppressions).isNotEmpty();
        Set<String> generic = Set.of("suppressed", "not needed", "n/a", "todo", "ok", "false positive");
        for (JsonNode s : suppressions) {
            String id = s.get("id").asText();
            String reason = s.get("reason").asText();
            assertThat(ACCEPTED_RULES).as("rule of " + s).contains(id);
            assertThat(reason).as("reason of " + s).hasSizeGreaterThanOrEqualTo(60).endsWith(".");
            assertThat(generic).as("reason of " + s).noneMatch(g -> reason.trim().equalsIgnoreCase(g));
        }
    }

    @Test
    void wildcardAndManagedPolicySuppressionsNameWhatTheyAccept() {
        for (JsonNode s : suppressions()) {
            String id = s.get("id").asText();
            if (id.equals("AwsSolutions-IAM5") || id.equals("AwsSolutions-IAM4")) {
                assertThat(s.path("applies_to").size()).as("appliesTo of " + s).isPositive();
            }
        }
    }

    private List<JsonNode> suppressions() {
        List<JsonNode> out = new ArrayList<>();
        resources.forEach(r -> r.at("/Metadata/cdk_nag/rules_to_suppress").forEach(out::add));
        return out;
    }
}
