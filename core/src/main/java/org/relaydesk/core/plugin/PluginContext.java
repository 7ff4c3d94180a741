package org.relaydesk.core.plugin;

import java.util.concurrent.Callable;

/**
 * A plugin's code runs with the plugin's class loader as the thread's context class loader:
 * libraries inside a plugin jar (Jakarta Mail, JSON-P, LangChain4j, ONNX Runtime) find their parts
 * and files through it, and the guard's threads would otherwise hand them the server's.
 */
final class PluginContext {
    private PluginContext() {
    }

    static <T> Callable<T> withLoaderOf(Object pluginPart, Callable<T> work) {
        ClassLoader pluginLoader = pluginPart.getClass().getClassLoader();
        return () -> {
            Thread current = Thread.currentThread();
            ClassLoader before = current.getContextClassLoader();
            current.setContextClassLoader(pluginLoader);
            try {
                return work.call();
            } finally {
                current.setContextClassLoader(before);
            }
        };
    }
}
