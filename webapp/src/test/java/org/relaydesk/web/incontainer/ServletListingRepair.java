package org.relaydesk.web.incontainer;

import fish.payara.arquillian.container.payara.managed.PayaraMicroDeployableContainer;
import java.util.logging.Logger;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.arquillian.core.spi.LoadableExtension;
import org.jboss.shrinkwrap.api.Archive;

/**
 * Payara's Arquillian container learns where Arquillian's test servlet listens by reading Payara Micro's
 * console: a poll every 200 ms takes what has been read so far, and as soon as the instance's address is in
 * it, parses the list of servlets from that same snapshot. On a busy machine the snapshot can end in the
 * middle of the list (it is some 300 lines long), and the container then reports no servlets at all, so every
 * test of the class fails with "ArquillianServletRunnerEE9 not found" although the deployment is fine. This
 * container does what the parse would have: when the address was read but the test servlet is missing, it
 * adds the test servlet at the WAR's context root. A deployment that really failed still fails (the
 * container throws, or the servlet answers 404).
 */
public final class ServletListingRepair implements LoadableExtension {
    @Override
    public void register(ExtensionBuilder builder) {
        builder.override(DeployableContainer.class, PayaraMicroDeployableContainer.class, Container.class);
    }

    /** Payara Micro's container, with the test servlet added when the console was read too early. */
    public static final class Container extends PayaraMicroDeployableContainer {
        static final String TEST_SERVLET = "ArquillianServletRunnerEE9";
        private static final Logger LOG = Logger.getLogger(ServletListingRepair.class.getName());

        @Override
        public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
            return withTestServlet(super.deploy(archive), archive.getName());
        }
    }

    /** The container's answer, with the test servlet at the WAR's context root where the listing missed it. */
    static ProtocolMetaData withTestServlet(ProtocolMetaData deployed, String archiveName) {
        for (HTTPContext http : deployed.getContexts(HTTPContext.class)) {
            if (http.getServlets().stream().noneMatch(servlet -> servlet.getName().equals(Container.TEST_SERVLET))) {
                String contextRoot = "/" + archiveName.replaceFirst("\\.war$", "");
                Container.LOG.warning(() -> "Payara Micro's servlet list was read before it was complete; the test servlet is taken to be at "
                        + contextRoot);
                http.add(new Servlet(Container.TEST_SERVLET, contextRoot));
            }
        }
        return deployed;
    }
}
