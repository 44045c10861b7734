package io.passportsuite.passport.token;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;

/**
 * Builds the RS256 signer of each signing key. A 2048-bit RSA signature is the largest part of
 * what passport spends on a refresh (about 0.9 ms of processor time with the JDK's own provider,
 * two thirds of passport's share): AWS-LC, through the Amazon Corretto Crypto Provider, signs in
 * about 0.26 ms. The native provider only signs: keys are generated, stored, published and
 * verified by the JDK as before, and tokens are byte for byte the same (RS256 is deterministic).
 *
 * <p>The native library takes a few hundred milliseconds of processor time to load, so it loads
 * once the service is ready, not during its start. Until it is there, and for good where it
 * cannot load (a platform other than linux-x86_64, no writable temporary directory) or when
 * {@code passport.tokens.native-signing} is off, the JDK signs. Before a key signs natively, its
 * native signature of a probe must equal the JDK's; a provider that gets it wrong is never used.
 */
final class RsaSigners {

    private static final Logger log = LoggerFactory.getLogger(RsaSigners.class);
    private static final JWSHeader PROBE_HEADER = new JWSHeader(JWSAlgorithm.RS256);
    private static final byte[] PROBE = "passport-suite native signing probe".getBytes(StandardCharsets.US_ASCII);

    /** Completes with the native provider, or empty when the JDK signs; not done while loading. */
    private final CompletableFuture<Optional<Provider>> nativeProvider;
    private final AtomicBoolean loading = new AtomicBoolean();

    private RsaSigners(CompletableFuture<Optional<Provider>> nativeProvider) {
        this.nativeProvider = nativeProvider;
    }

    /** The JDK's provider signs. */
    static RsaSigners jdkOnly() {
        return new RsaSigners(CompletableFuture.completedFuture(Optional.empty()));
    }

    /** {@code provider} signs, once it passes the probe; tests give one that does not. */
    static RsaSigners using(Provider provider) {
        return new RsaSigners(CompletableFuture.completedFuture(Optional.of(provider)));
    }

    /** AWS-LC signs once it has loaded ({@link #startLoading()}); the JDK until then. */
    static RsaSigners nativeWhenLoaded() {
        return new RsaSigners(new CompletableFuture<>());
    }

    /** Once the service is ready: the library's load stays out of the start-up's way. */
    @EventListener(ApplicationReadyEvent.class)
    void loadOnceReady() {
        startLoading();
    }

    /** Loads AWS-LC on a thread of its own, once; nothing to do when the provider is settled. */
    void startLoading() {
        if (!nativeProvider.isDone() && loading.compareAndSet(false, true)) {
            Thread.ofPlatform().daemon().name("native-crypto-loader").start(() -> nativeProvider.complete(loadNative()));
        }
    }

    /** Loads the provider if need be and waits for it: the next signature is the one all later ones will be. */
    void awaitLoaded() {
        startLoading();
        nativeProvider.join();
    }

    private static Optional<Provider> loadNative() {
        try {
            AmazonCorrettoCryptoProvider provider = AmazonCorrettoCryptoProvider.INSTANCE;
            Throwable error = provider.getLoadingError();
            if (error != null) {
                log.info("AWS-LC did not load on this platform ({}): the JDK signs access tokens", error.toString());
                return Optional.empty();
            }
            return Optional.of(provider);
        } catch (LinkageError | RuntimeException e) {
            log.info("AWS-LC did not load on this platform ({}): the JDK signs access tokens", e.toString());
            return Optional.empty();
        }
    }

    JWSSigner signerFor(SigningKey key) {
        return new KeySigner(key);
    }

    /**
     * Signs with the JDK until the native provider is ready, then settles once on the native
     * signer (when it passes the probe) or on the JDK's.
     */
    private final class KeySigner implements JWSSigner {

        private final SigningKey key;
        private final RSASSASigner jdk;
        private volatile JWSSigner settled;

        KeySigner(SigningKey key) {
            this.key = key;
            this.jdk = new RSASSASigner(key.privateKey());
        }

        @Override
        public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
            JWSSigner signer = settled;
            if (signer == null) {
                signer = settle();
            }
            if (signer == jdk) {
                return jdk.sign(header, signingInput);
            }
            try {
                return signer.sign(header, signingInput);
            } catch (JOSEException | RuntimeException e) {
                // Not seen: the probe passed. Should the library fail later, tokens are still issued.
                log.warn("Native signing with key {} failed ({}): the JDK signs with it from now on", key.kid(), e.toString());
                settled = jdk;
                return jdk.sign(header, signingInput);
            }
        }

        private JWSSigner settle() {
            Optional<Provider> provider = nativeProvider.getNow(null);
            if (provider == null) {
                return jdk;
            }
            synchronized (this) {
                if (settled == null) {
                    settled = provider.map(this::nativeSigner).orElse(jdk);
                }
                return settled;
            }
        }

        private JWSSigner nativeSigner(Provider provider) {
            try {
                PrivateKey nativeKey = KeyFactory.getInstance("RSA", provider)
                        .generatePrivate(new PKCS8EncodedKeySpec(key.privateKey().getEncoded()));
                RSASSASigner signer = new RSASSASigner(nativeKey);
                signer.getJCAContext().setProvider(provider);
                if (!signer.sign(PROBE_HEADER, PROBE).equals(jdk.sign(PROBE_HEADER, PROBE))) {
                    log.warn("{} signed the probe of key {} unlike the JDK: the JDK signs with it", provider.getName(), key.kid());
                    return jdk;
                }
                log.info("Key {} signs access tokens through {} {}", key.kid(), provider.getName(), provider.getVersionStr());
                return signer;
            } catch (GeneralSecurityException | JOSEException | RuntimeException | LinkageError e) {
                log.warn("{} cannot sign with key {} ({}): the JDK signs with it", provider.getName(), key.kid(), e.toString());
                return jdk;
            }
        }

        @Override
        public Set<JWSAlgorithm> supportedJWSAlgorithms() {
            return jdk.supportedJWSAlgorithms();
        }

        @Override
        public JCAContext getJCAContext() {
            JWSSigner signer = settled;
            return (signer != null ? signer : jdk).getJCAContext();
        }
    }
}
