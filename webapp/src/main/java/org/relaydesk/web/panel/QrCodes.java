package org.relaydesk.web.panel;

import io.nayuki.qrcodegen.QrCode;

/**
 * A QR code as inline SVG (one path of dark modules, a quiet zone of four), so that the page needs
 * no image address: the otpauth:// secret it carries never appears in a URL, a log or a cache.
 */
public final class QrCodes {
    private static final int QUIET_ZONE = 4;

    private QrCodes() {
    }

    public static String svg(String text) {
        QrCode qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
        int size = qr.size + 2 * QUIET_ZONE;
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < qr.size; y++) {
            for (int x = 0; x < qr.size; x++) {
                if (qr.getModule(x, y)) {
                    path.append('M').append(x + QUIET_ZONE).append(',').append(y + QUIET_ZONE).append("h1v1h-1z");
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size + "\" role=\"img\" "
                + "aria-label=\"QR code for your authenticator app\" class=\"rd-qr\" shape-rendering=\"crispEdges\">"
                + "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
    }
}
