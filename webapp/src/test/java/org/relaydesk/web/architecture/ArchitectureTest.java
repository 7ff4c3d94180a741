package org.relaydesk.web.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.relaydesk.core.persistence.Tenancy;
import org.relaydesk.web.security.Public;

/** The boundaries docs/architecture.md draws, checked on the compiled classes so that they hold as the code grows. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.relaydesk");
    }

    @Test
    void pluginApiStandsAlone() {
        noClasses().that().resideInAPackage("org.relaydesk.api..")
                .should().dependOnClassesThat().resideInAnyPackage("org.relaydesk.core..", "org.relaydesk.web..")
                .because("plugins compile against plugin-api alone").check(classes);
    }

    @Test
    void coreKnowsNothingOfTheWebLayer() {
        noClasses().that().resideInAPackage("org.relaydesk.core..")
                .should().dependOnClassesThat().resideInAPackage("org.relaydesk.web..").check(classes);
    }

    @Test
    void theDatabaseIsReachedOnlyThroughTenancy() {
        noClasses().that().doNotHaveFullyQualifiedName(Tenancy.class.getName())
                .should().callMethod(EntityManager.class, "createNativeQuery", String.class)
                .orShould().callMethod(EntityManager.class, "createNativeQuery", String.class, Class.class)
                .orShould().dependOnClassesThat().haveFullyQualifiedName(PersistenceContext.class.getName())
                .because("Tenancy binds every EntityManager to the caller's workspace; native SQL must say how it filters by workspace")
                .check(classes);
    }

    @Test
    void onlyThePluginHostKnowsPf4j() {
        noClasses().that().resideOutsideOfPackage("org.relaydesk.core.plugin..")
                .should().dependOnClassesThat().resideInAPackage("org.pf4j..")
                .because("plugins and the rest of Relaydesk see plugin-api's neutral types, never the plugin framework").check(classes);
    }

    @Test
    void jsonIsMadeThroughTheCachedProvider() {
        noClasses().should().dependOnClassesThat().haveFullyQualifiedName("jakarta.json.Json")
                .because("each of jakarta.json.Json's factory methods scans the class path for the provider; Jsonp looks it up once")
                .check(classes);
    }

    @Test
    void restResourcesWorkThroughServicesNotTheEntityManager() {
        noClasses().that().resideInAPackage("org.relaydesk.web.api..")
                .should().dependOnClassesThat().haveFullyQualifiedName(EntityManager.class.getName())
                .check(classes);
    }

    /** Everything needs a signed-in caller unless it is on this list; adding to it is a security decision. */
    @Test
    void onlyTheseEndpointsAreOpenToAnonymousCallers() {
        Set<String> open = new TreeSet<>();
        for (var javaClass : classes) {
            if (!javaClass.isAnnotatedWith(Path.class)) {
                continue;
            }
            Class<?> resource = javaClass.reflect();
            for (Method method : resource.getDeclaredMethods()) {
                if (resource.isAnnotationPresent(Public.class) || method.isAnnotationPresent(Public.class)) {
                    if (isEndpoint(method)) {
                        open.add(resource.getSimpleName() + "." + method.getName());
                    }
                }
            }
        }
        assertThat(open).containsExactlyInAnyOrder(
                "AuthResource.login",
                // the second step of a two-step sign-in: each takes the signed challenge a right password gave (SignInChallenge)
                "AuthResource.secondFactor", "AuthResource.enrolment",
                "PublicTicketResource.submit", "PublicTicketResource.view",
                "PublicChannelResource.get", "PublicChannelResource.options", "PublicChannelResource.post", "PublicTicketResource.reply",
                "PublicTicketResource.rate", "PublicTicketResource.lookup", "PublicTicketResource.requestLinks",
                "PortalAuthResource.register", "PortalAuthResource.verify", "PortalAuthResource.login", "PortalAuthResource.requestLoginLink",
                "PortalAuthResource.redeemLoginLink", "PortalAuthResource.requestReset", "PortalAuthResource.completeReset",
                "PortalAuthResource.logout", "KbResource.search",
                // the widget on customers' sites: each call checks its site key and the page's origin (WidgetService.visit)
                "WidgetResource.config", "WidgetResource.articles", "WidgetResource.article", "WidgetResource.send",
                // the assistant's answers from the public help centre, and "Was this helpful?" (once per answer)
                "WidgetResource.answer", "WidgetResource.answerFeedback",
                // its live chat: each call after the first also proves the chat's secret (ChatService)
                "WidgetResource.startChat", "WidgetResource.chat", "WidgetResource.say", "WidgetResource.signal", "WidgetResource.leave",
                // "My tickets": each needs the site's signed identity or the session an emailed one-time code gave (WidgetVisitors)
                "WidgetResource.tickets", "WidgetResource.ticket", "WidgetResource.replyToTicket", "WidgetResource.requestCode", "WidgetResource.verify",
                "WidgetResource.signOut",
                // chatbots hand conversations over (seed 003); escalating takes the hand-off's access token
                "PublicTicketResource.fromChat", "PublicTicketResource.escalate",
                // the GraphQL schema, as introspection would tell any signed-in caller: no data, no names
                "GraphQLResource.schema");
    }

    /** Resources signed in by the portal cookie serve /api/portal only, and are never also anonymous. */
    @Test
    void customerResourcesStayUnderThePortal() {
        Set<String> customer = new TreeSet<>();
        for (var javaClass : classes) {
            Class<?> resource = javaClass.reflect();
            if (resource.isAnnotationPresent(org.relaydesk.web.security.CustomerSignIn.class)) {
                assertThat(resource.getAnnotation(Path.class).value()).as(resource.getName()).startsWith("/portal");
                assertThat(resource.isAnnotationPresent(Public.class)).as(resource.getName()).isFalse();
                customer.add(resource.getSimpleName());
            }
        }
        assertThat(customer).containsExactly("PortalTicketResource", "PortalWhatsAppResource");
    }

    private static boolean isEndpoint(Method method) {
        return java.util.Arrays.stream(method.getAnnotations())
                .anyMatch(a -> a.annotationType().isAnnotationPresent(jakarta.ws.rs.HttpMethod.class));
    }
}
