package io.passportsuite.notification.template;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import io.passportsuite.common.events.notification.NotificationRequested;

/**
 * Renders the plain-text templates under {@code classpath:templates/}, named
 * {@code <template>.<locale>.<email|sms>.txt}. An email template starts with a {@code Subject:}
 * line. {@code {{name}}} is replaced by the variable of that name; a missing variable renders
 * empty rather than failing a message a user is waiting for.
 */
@Component
public class MessageTemplates {

    public static final String ENGLISH = "en";
    public static final String CHINESE = "zh-CN";

    private static final Set<String> TEMPLATES = Set.of(NotificationRequested.VERIFICATION_CODE,
            NotificationRequested.PASSWORD_RESET, NotificationRequested.EMAIL_VERIFIED, NotificationRequested.WELCOME);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_]+)\\s*}}");
    private static final String SUBJECT_PREFIX = "Subject:";

    private final Map<String, String> sources = new ConcurrentHashMap<>();

    public boolean knows(String template) {
        return template != null && TEMPLATES.contains(template);
    }

    /** {@code zh-CN} (also written {@code zh_CN}, {@code zh-cn} or {@code zh}); anything else is English. */
    public static String supportedLocale(String requested) {
        if (requested == null) {
            return ENGLISH;
        }
        String normalised = requested.trim().replace('_', '-').toLowerCase(java.util.Locale.ROOT);
        return normalised.equals("zh") || normalised.startsWith("zh-cn") || normalised.startsWith("zh-hans") ? CHINESE : ENGLISH;
    }

    /** Renders {@code template} for {@code channel} ({@code email} or {@code sms}). */
    public RenderedMessage render(String template, String channel, String locale, Map<String, String> variables) {
        if (!knows(template)) {
            throw new IllegalArgumentException("Unknown template " + template);
        }
        String kind = NotificationRequested.SMS.equals(channel) ? "sms" : "email";
        String name = template + "." + supportedLocale(locale) + "." + kind + ".txt";
        String filled = fill(sources.computeIfAbsent(name, MessageTemplates::load), variables);
        if (!filled.startsWith(SUBJECT_PREFIX)) {
            return new RenderedMessage(null, filled.strip());
        }
        int endOfLine = filled.indexOf('\n');
        return new RenderedMessage(filled.substring(SUBJECT_PREFIX.length(), endOfLine).strip(),
                filled.substring(endOfLine + 1).strip());
    }

    private static String fill(String source, Map<String, String> variables) {
        Matcher matcher = PLACEHOLDER.matcher(source);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = variables.getOrDefault(matcher.group(1), "");
            matcher.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String load(String name) {
        try (InputStream in = new ClassPathResource("templates/" + name).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Missing template " + name, e);
        }
    }
}
