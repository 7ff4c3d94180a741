package org.relaydesk.plugin.assist;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * all-MiniLM-L6-v2 (quantised), run in-process by ONNX Runtime from the model inside the jar.
 * Vectors of texts seen lately are kept (a bounded map), so that learning a workspace again embeds
 * only what changed.
 */
final class MiniLmVectors implements TextVectors {
    static final int REMEMBERED = 50_000;
    /** The model reads at most 256 word pieces; longer text is cut rather than averaged, which blurs its meaning. */
    static final int MAX_CHARS = 1_500;
    private final EmbeddingModel model = withPluginClassLoader(AllMiniLmL6V2QuantizedEmbeddingModel::new);
    private final Map<String, float[]> remembered = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > REMEMBERED;
        }
    };

    @Override
    public float[] vector(String text) {
        String cut = text.length() <= MAX_CHARS ? text : text.substring(0, MAX_CHARS);
        synchronized (remembered) {
            float[] known = remembered.get(cut);
            if (known != null) {
                return known;
            }
        }
        float[] vector = unit(withPluginClassLoader(() -> model.embed(cut.isBlank() ? "." : cut)).content().vector());
        synchronized (remembered) {
            remembered.put(cut, vector);
        }
        return vector;
    }

    @Override
    public String model() {
        return "all-MiniLM-L6-v2 (quantised, in-process)";
    }

    /**
     * LangChain4j reads the model and tokenizer files, and ONNX Runtime and the tokenizer their native
     * libraries, through the thread's context class loader: on the host's threads that is the server's,
     * which cannot see this jar. The plugin's own loader is set for the call.
     */
    static <T> T withPluginClassLoader(java.util.function.Supplier<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(MiniLmVectors.class.getClassLoader());
        try {
            return work.get();
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    static float[] unit(float[] vector) {
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        if (norm == 0) {
            return vector;
        }
        float[] unit = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            unit[i] = (float) (vector[i] / norm);
        }
        return unit;
    }
}
