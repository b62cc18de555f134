package webtalk.web;

import io.nayuki.qrcodegen.QrCode;
import io.nayuki.qrcodegen.QrSegment;

/**
 * A short text (a room's link) as a QR code in SVG: dark modules as one path on a white square,
 * with the 4-module quiet zone scanners need (ISO/IEC 18004, 7.3.8). The image scales to any size
 * in the page, so no size is asked for; what bounds the answer is the text: at most
 * {@link #MAX_VERSION} (77 × 77 modules), past which {@link TooLong} is thrown.
 */
final class QrCodeSvg {

    /** Version 15 at level M holds 412 bytes: far more than any sane link, and still a few kilobytes of SVG. */
    static final int MAX_VERSION = 15;
    private static final int QUIET_ZONE = 4;

    static final class TooLong extends RuntimeException {
        TooLong() {
            super("text too long for a QR code of version " + MAX_VERSION, null, false, false);
        }
    }

    private QrCodeSvg() {
    }

    /**
     * Level M (15 % of the code may be lost) raised to Q or H when that fits in the same version:
     * a projected image is often dim or seen at an angle.
     */
    static String of(String text) {
        QrCode code;
        try {
            code = QrCode.encodeSegments(QrSegment.makeSegments(text), QrCode.Ecc.MEDIUM, 1, MAX_VERSION, -1, true);
        } catch (io.nayuki.qrcodegen.DataTooLongException e) {
            throw new TooLong();
        }
        int side = code.size + 2 * QUIET_ZONE;
        StringBuilder svg = new StringBuilder(8_192);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(side).append(' ').append(side)
                .append("\" shape-rendering=\"crispEdges\"><rect width=\"").append(side).append("\" height=\"").append(side)
                .append("\" fill=\"#fff\"/><path fill=\"#000\" d=\"");
        for (int y = 0; y < code.size; y++) {
            int x = 0;
            while (x < code.size) {
                if (!code.getModule(x, y)) {
                    x++;
                    continue;
                }
                // one rectangle per run of dark modules in a row: a third of the path a square per module takes
                int start = x;
                while (x < code.size && code.getModule(x, y)) {
                    x++;
                }
                svg.append('M').append(start + QUIET_ZONE).append(',').append(y + QUIET_ZONE)
                        .append('h').append(x - start).append("v1h-").append(x - start).append('z');
            }
        }
        return svg.append("\"/></svg>").toString();
    }
}
