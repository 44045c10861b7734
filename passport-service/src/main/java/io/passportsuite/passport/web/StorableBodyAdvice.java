package io.passportsuite.passport.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every JSON request body, whatever the endpoint binds it to, is checked here for text the
 * database cannot hold ({@link StorableText}): string values and field names at any depth. A
 * body read as a {@link JsonNode} (every public endpoint) is checked as read; a body bound to a
 * record is checked as a tree first, so a bad string in a field the record drops is refused too.
 */
@ControllerAdvice
class StorableBodyAdvice extends RequestBodyAdviceAdapter {

    private final JsonMapper json;

    StorableBodyAdvice(JsonMapper json) {
        this.json = json;
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public HttpInputMessage beforeBodyRead(HttpInputMessage message, MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
        if (targetType instanceof Class<?> type && JsonNode.class.isAssignableFrom(type)) {
            return message;
        }
        byte[] body = message.getBody().readAllBytes();
        if (body.length > 0) {
            try {
                check(json.readTree(body));
            } catch (JacksonException notJson) {
                // Left to the converter, which reports it as the malformed body it is.
            }
        }
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(body);
            }

            @Override
            public HttpHeaders getHeaders() {
                return message.getHeaders();
            }
        };
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage inputMessage, MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        if (body instanceof JsonNode node) {
            check(node);
        }
        return body;
    }

    private static void check(JsonNode root) {
        check("request body", root);
    }

    private static void check(String where, JsonNode node) {
        if (node.isString()) {
            StorableText.require(where, node.asString());
        } else if (node.isArray()) {
            node.values().forEach(item -> check(where, item));
        } else if (node.isObject()) {
            node.properties().forEach(field -> {
                StorableText.require("a field name", field.getKey());
                check(field.getKey(), field.getValue());
            });
        }
    }
}
