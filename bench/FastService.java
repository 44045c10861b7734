import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

/**
 * A downstream that answers at once, so a benchmark measures the gateway and not a service. It
 * plays passport: it makes an RSA key, publishes it at {@code GET /.well-known/jwks.json} as the
 * gateway expects, writes one access token signed with it (issuer passport-suite, app default,
 * a user of role 1, valid for two hours) to the given file, and answers every other request with a
 * small fixed JSON body, like {@code GET /api/auth/me}.
 * Usage: {@code java bench/FastService.java <port> <token-file>}
 */
public class FastService {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair key = generator.generateKeyPair();
        RSAPublicKey publicKey = (RSAPublicKey) key.getPublic();
        byte[] jwks = """
                {"keys":[{"kty":"RSA","kid":"bench","use":"sig","alg":"RS256","e":"%s","n":"%s"}]}"""
                .formatted(unsigned(publicKey.getPublicExponent()), unsigned(publicKey.getModulus()))
                .getBytes(StandardCharsets.UTF_8);
        String userId = UUID.randomUUID().toString();
        long now = Instant.now().getEpochSecond();
        String header = encode("{\"alg\":\"RS256\",\"typ\":\"at+jwt\",\"kid\":\"bench\"}");
        String claims = encode("""
                {"iss":"passport-suite","sub":"%s","aud":"default","app_id":"default","role":1,"sid":"%s","jti":"%s","iat":%d,"exp":%d}"""
                .formatted(userId, UUID.randomUUID(), UUID.randomUUID(), now, now + 7200));
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(key.getPrivate());
        signer.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
        String token = header + "." + claims + "." + BASE64URL.encodeToString(signer.sign());
        if (args.length > 1) {
            Files.writeString(Path.of(args[1]), token);
        }
        byte[] profile = """
                {"id":"%s","username":"bench","nickname":"Bench","avatarUrl":null,"online":true}"""
                .formatted(userId).getBytes(StandardCharsets.UTF_8);

        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = exchange.getRequestURI().getPath().equals("/.well-known/jwks.json") ? jwks : profile;
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        System.out.println("fast service on " + port);
    }

    private static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A JWK number: big-endian bytes without the sign byte BigInteger may add. */
    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes[0] == 0 && bytes.length > 1) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return BASE64URL.encodeToString(bytes);
    }
}
