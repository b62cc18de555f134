package webtalk.support;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.ChecksumException;
import com.google.zxing.FormatException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/** Reads QR codes back with ZXing (an independent decoder): from a screenshot, or from the server's SVG. */
public final class QrCodes {

    private static final Pattern VIEW_BOX = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"");
    private static final Pattern RUN = Pattern.compile("M(\\d+),(\\d+)h(\\d+)v1h-\\d+z");
    private static final int PIXELS_PER_MODULE = 8;

    private QrCodes() {
    }

    /** The text of the one QR code in a PNG (e.g. a screenshot of an element). */
    public static String decodePng(byte[] png) {
        try {
            return decode(ImageIO.read(new ByteArrayInputStream(png)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String decode(BufferedImage image) {
        try {
            BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
            return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.FALSE,
                    DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
        } catch (NotFoundException | ChecksumException | FormatException e) {
            throw new AssertionError("no readable QR code in the image: " + e, e);
        }
    }

    /**
     * Draws the server's SVG (a white square and one path of one-module-high runs, the only shapes
     * it writes) and decodes it: proves the SVG itself, not a browser's rendering of it.
     */
    public static String decodeSvg(String svg) {
        Matcher box = VIEW_BOX.matcher(svg);
        if (!box.find()) {
            throw new AssertionError("no viewBox in " + svg);
        }
        int side = Integer.parseInt(box.group(1)) * PIXELS_PER_MODULE;
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, side, side);
        g.setColor(Color.BLACK);
        Matcher run = RUN.matcher(svg);
        while (run.find()) {
            g.fillRect(Integer.parseInt(run.group(1)) * PIXELS_PER_MODULE, Integer.parseInt(run.group(2)) * PIXELS_PER_MODULE,
                    Integer.parseInt(run.group(3)) * PIXELS_PER_MODULE, PIXELS_PER_MODULE);
        }
        g.dispose();
        return decode(image);
    }
}
