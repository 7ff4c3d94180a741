package org.relaydesk.web;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The REST API under /api. The database comes from configuration at start (system properties or
 * RELAYDESK_DB_* environment variables, which bin/relaydesk sets from conf/relaydesk.conf): nothing
 * about the environment is baked into the WAR. {@code stringtype=unspecified} lets PostgreSQL type
 * string parameters itself (uuid, jsonb).
 */
@ApplicationPath("/api")
@DataSourceDefinition(
        name = "java:app/jdbc/relaydesk",
        className = "org.postgresql.ds.PGSimpleDataSource",
        url = "${MPCONFIG=relaydesk.db.url}",
        user = "${MPCONFIG=relaydesk.db.user}",
        password = "${MPCONFIG=relaydesk.db.password}",
        minPoolSize = 2,
        maxPoolSize = 48,
        properties = {
            "stringtype=unspecified",
            "ApplicationName=relaydesk",
            // A runaway query must not hold a connection and a core for ever; migrations lift it.
            "options=-c statement_timeout=30000",
            "fish.payara.is-connection-validation-required=true",
            "fish.payara.connection-validation-method=meta-data",
            "fish.payara.fail-all-connections=true"
        })
@OpenAPIDefinition(info = @Info(title = "Relaydesk API", version = "1",
        description = "Tickets, comments, categories, canned responses, users, workspaces and the customer portal. "
                + "Authenticate with POST /api/auth/login or a personal API token; send it as 'Authorization: Bearer <token>'. "
                + "Errors are application/problem+json (RFC 9457)."))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer")
public class RelaydeskApplication extends Application {
}
