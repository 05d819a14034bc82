package dev.fanout.asl;

import static dev.fanout.asl.Harness.json;
import static dev.fanout.asl.Harness.output;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PassStateTest {
    private final Harness h = new Harness();

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void placesResultAtResultPath_asInTheSpecificationExample() throws Exception {
        // ASL specification, Pass State: Result + ResultPath "$.coords"
        Execution ex = h.run("""
                {'StartAt':'No-op','States':{'No-op':{'Type':'Pass',
                  'Result':{'x-datum':0.381018,'y-datum':622.2269926397355},
                  'ResultPath':'$.coords','End':true}}}""", "{'georefOf':'Home'}");

        assertThat(output(ex)).isEqualTo(json(
                "{'georefOf':'Home','coords':{'x-datum':0.381018,'y-datum':622.2269926397355}}"));
    }

    @Test
    void passesInputThroughUnchangedByDefault() throws Exception {
        Execution ex = h.run("{'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}}", "{'a':[1,2,{'b':null}]}");

        assertThat(output(ex)).isEqualTo(json("{'a':[1,2,{'b':null}]}"));
    }

    @Test
    void usesParametersAsResultWhenNoResultIsGiven() throws Exception {
        Execution ex = h.run("""
                {'StartAt':'P','States':{'P':{'Type':'Pass','Parameters':{'greeting.$':'$.name','fixed':1},
                 'ResultPath':'$.out','End':true}}}""", "{'name':'Ada'}");

        assertThat(output(ex)).isEqualTo(json("{'name':'Ada','out':{'greeting':'Ada','fixed':1}}"));
    }

    @Test
    void discardsTheResultWhenResultPathIsNull() throws Exception {
        Execution ex = h.run("{'StartAt':'P','States':{'P':{'Type':'Pass','Result':42,'ResultPath':null,'End':true}}}",
                "{'keep':true}");

        assertThat(output(ex)).isEqualTo(json("{'keep':true}"));
    }

    @Test
    void nullInputPathAndOutputPathGiveEmptyObjects() throws Exception {
        Execution in = h.run("{'StartAt':'P','States':{'P':{'Type':'Pass','InputPath':null,'End':true}}}", "{'a':1}");
        Execution out = h.run("{'StartAt':'P','States':{'P':{'Type':'Pass','OutputPath':null,'End':true}}}", "{'a':1}");

        assertThat(output(in)).isEqualTo(json("{}"));
        assertThat(output(out)).isEqualTo(json("{}"));
    }

    @Test
    void chainsStatesThroughNext() throws Exception {
        Execution ex = h.run("""
                {'StartAt':'A','States':{
                  'A':{'Type':'Pass','Result':1,'ResultPath':'$.a','Next':'B'},
                  'B':{'Type':'Pass','Result':2,'ResultPath':'$.b','End':true}}}""", "{}");

        assertThat(output(ex)).isEqualTo(json("{'a':1,'b':2}"));
        assertThat(Harness.types(ex)).containsExactly("ExecutionStarted", "PassStateEntered", "PassStateExited",
                "PassStateEntered", "PassStateExited", "ExecutionSucceeded");
    }

    @Test
    void failsWithRuntimeErrorWhenInputPathMatchesNothing() throws Exception {
        Execution ex = h.run("{'StartAt':'P','States':{'P':{'Type':'Pass','InputPath':'$.missing','End':true}}}",
                "{'a':1}");

        assertThat(ex.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(ex.error()).contains("States.Runtime");
        assertThat(ex.cause().orElseThrow()).contains("$.missing");
    }
}
