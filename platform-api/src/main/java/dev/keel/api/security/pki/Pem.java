package dev.keel.api.security.pki;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;

/**
 * PEM encoding of certificates and private keys. Keys are written in OpenSSL's traditional forms ("EC PRIVATE KEY",
 * "RSA PRIVATE KEY") as Kubernetes' own tools write them: some clients (the fabric8 Java client among them) read an
 * EC key only in that form. An EC key carries its public key too, as OpenSSL writes it: the official Java client
 * (BouncyCastle's PEMKeyPair) cannot load one without it, while Go, OpenSSL and fabric8 read both.
 */
public final class Pem {

    private Pem() {
    }

    public static String encode(X509Certificate certificate) {
        return write(certificate);
    }

    public static String encode(PrivateKey key) {
        try {
            if (key instanceof ECPrivateKey ec) {
                return write(new PemObject("EC PRIVATE KEY", sec1(ec).getEncoded()));
            }
            return write(new JcaMiscPEMGenerator(key).generate());
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode a " + key.getAlgorithm() + " private key", e);
        }
    }

    /** SEC1 with the curve named and the public point, as OpenSSL writes it. */
    private static org.bouncycastle.asn1.sec.ECPrivateKey sec1(ECPrivateKey key) {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
        ASN1Encodable curve = info.getPrivateKeyAlgorithm().getParameters();
        int orderBits = key.getParams().getOrder().bitLength();
        return new org.bouncycastle.asn1.sec.ECPrivateKey(orderBits, key.getS(), publicPoint(curve, key), curve);
    }

    /** Q = d * G on the key's curve, uncompressed. */
    private static DERBitString publicPoint(ASN1Encodable curve, ECPrivateKey key) {
        X9ECParameters parameters = curve instanceof ASN1ObjectIdentifier named
                ? ECNamedCurveTable.getByOID(named) : X9ECParameters.getInstance(curve);
        if (parameters == null) {
            throw new IllegalArgumentException("unknown EC curve " + curve);
        }
        ECPoint point = new FixedPointCombMultiplier().multiply(parameters.getG(), key.getS()).normalize();
        return new DERBitString(point.getEncoded(false));
    }

    /** Every certificate in {@code pem}, in order; {@code source} names the input in errors. */
    public static List<X509Certificate> certificates(String pem, String source) {
        List<X509Certificate> certificates = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object item;
            while ((item = parser.readObject()) != null) {
                if (item instanceof X509CertificateHolder holder) {
                    certificates.add(converter.getCertificate(holder));
                }
            }
        } catch (IOException | CertificateException e) {
            throw new IllegalArgumentException(source + ": not a valid PEM certificate: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException(source + ": no PEM certificate found");
        }
        return certificates;
    }

    /** The first certificate in {@code pem}. */
    public static X509Certificate certificate(String pem, String source) {
        return certificates(pem, source).get(0);
    }

    /** A private key in PKCS#8, PKCS#1 (RSA) or SEC1 (EC) PEM form. */
    public static PrivateKey privateKey(String pem, String source) {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object item;
            while ((item = parser.readObject()) != null) {
                if (item instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (item instanceof PEMKeyPair pair) {
                    // SEC1 keys may omit the public key; the private key info alone is enough.
                    return converter.getPrivateKey(pair.getPrivateKeyInfo());
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": not a valid PEM private key: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException(source + ": no unencrypted PEM private key found");
    }

    public static X509Certificate readCertificate(Path file) {
        return certificate(read(file), file.toString());
    }

    public static PrivateKey readPrivateKey(Path file) {
        return privateKey(read(file), file.toString());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }

    private static String write(Object item) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(item);
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode " + item.getClass().getSimpleName() + " as PEM", e);
        }
        return out.toString();
    }
}
