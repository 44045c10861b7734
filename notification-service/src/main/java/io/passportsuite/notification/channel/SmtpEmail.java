package io.passportsuite.notification.channel;

import java.io.UnsupportedEncodingException;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/** Email through the SMTP server of {@code spring.mail.*}. */
class SmtpEmail {

    static final String NAME = "smtp";

    private final JavaMailSender mailSender;

    SmtpEmail(JavaMailSender mailSender) {
        this.mailSender = mailSender;
    }

    void send(OutboundMessage message) {
        try {
            MimeMessage mime = mailSender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(mime, false, "UTF-8");
            helper.setFrom(message.senderAddress(), message.senderName());
            helper.setTo(message.destination());
            helper.setSubject(message.subject());
            helper.setText(message.text());
            mailSender.send(mime);
        } catch (MailException | MessagingException | UnsupportedEncodingException e) {
            throw new SendFailed("SMTP: " + e.getMessage(), e);
        }
    }
}
