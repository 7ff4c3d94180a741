package org.relaydesk.core.plugin;

import java.io.IOException;
import java.net.URL;
import java.util.Enumeration;

/**
 * The parent of every plugin's class loader: the JDK, plus the plugin API from the application.
 * Nothing else of Relaydesk (core, JPA, the server's libraries) is visible to a plugin, so plugins
 * depend on plugin-api alone and cannot reach around the host's services.
 */
final class ApiOnlyClassLoader extends ClassLoader {
    private static final String API_PACKAGE = "org.relaydesk.api.";
    private static final String API_PATH = "org/relaydesk/api/";
    private final ClassLoader application;

    ApiOnlyClassLoader(ClassLoader application) {
        super("relaydesk-plugin-api", ClassLoader.getPlatformClassLoader());
        this.application = application;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith(API_PACKAGE)) {
            return application.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }

    @Override
    public URL getResource(String name) {
        return name.startsWith(API_PATH) ? application.getResource(name) : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return name.startsWith(API_PATH) ? application.getResources(name) : super.getResources(name);
    }
}
