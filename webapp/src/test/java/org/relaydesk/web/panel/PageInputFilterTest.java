package org.relaydesk.web.panel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PageInputFilterTest {
    @Test
    void aNulInANameOrValueIsFound() {
        assertThat(PageInputFilter.hasNul(Map.of("email", new String[] {"alice\0@demo.test"}))).isTrue();
        assertThat(PageInputFilter.hasNul(Map.of("e\0", new String[] {"x"}))).isTrue();
        assertThat(PageInputFilter.hasNul(Map.of("email", new String[] {"jürgen@demo.test", null}))).isFalse();
    }
}
