package org.relaydesk.plugin.assist;

/** Turns text into a unit vector whose dot product with another says how close their meanings are. */
interface TextVectors {
    float[] vector(String text);

    /** The model's name, for the audit trail. */
    String model();

    static double similarity(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
