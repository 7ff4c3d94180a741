package org.relaydesk.web.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A NUL anywhere in the decoded address names the parameter; ordinary odd text passes. */
class RequestTextFilterTest {
    @Test
    void namesTheParameterWithANul() {
        assertThat(RequestTextFilter.refusedParameter("/tickets", Map.of("q", List.of("a\0b")))).isEqualTo("q");
        assertThat(RequestTextFilter.refusedParameter("/tickets", Map.of("tag", List.of("ok", "\0")))).isEqualTo("tag");
        assertThat(RequestTextFilter.refusedParameter("/tickets", Map.of("a\0", List.of("x")))).isEqualTo("query");
        assertThat(RequestTextFilter.refusedParameter("/tickets/\0", Map.of())).isEqualTo("path");
    }

    @Test
    void letsOtherTextThrough() {
        assertThat(RequestTextFilter.refusedParameter("/tickets", Map.of("q", List.of("\"exact\" -x ünï 😀 \uFFFD %00")))).isNull();
    }
}
