package org.relaydesk.web.incontainer;

import static org.assertj.core.api.Assertions.assertThat;

import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.junit.jupiter.api.Test;

class ServletListingRepairTest {
    @Test
    void aListingReadTooEarlyGetsTheTestServletAtTheWarsContextRoot() {
        ProtocolMetaData early = new ProtocolMetaData().addContext(new HTTPContext("127.0.0.1", 8080));
        HTTPContext http = ServletListingRepair.withTestServlet(early, "relaydesk.war").getContexts(HTTPContext.class).iterator().next();
        assertThat(http.getServletByName("ArquillianServletRunnerEE9").getBaseURI().toString())
                .isEqualTo("http://127.0.0.1:8080/relaydesk/");
    }

    @Test
    void aCompleteListingIsLeftAsItIs() {
        HTTPContext complete = new HTTPContext("127.0.0.1", 8080).add(new Servlet("ArquillianServletRunnerEE9", "/elsewhere"));
        HTTPContext http = ServletListingRepair.withTestServlet(new ProtocolMetaData().addContext(complete), "relaydesk.war")
                .getContexts(HTTPContext.class).iterator().next();
        assertThat(http.getServlets()).hasSize(1);
        assertThat(http.getServletByName("ArquillianServletRunnerEE9").getContextRoot()).isEqualTo("/elsewhere");
    }
}
