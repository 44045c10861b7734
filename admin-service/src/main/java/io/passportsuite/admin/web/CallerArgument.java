package io.passportsuite.admin.web;

import java.util.List;

import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import io.passportsuite.common.error.ErrorCode;

/** Lets a controller take the {@link Caller} the guard resolved as a parameter. */
@Configuration(proxyBeanMethods = false)
class CallerArgument implements WebMvcConfigurer, HandlerMethodArgumentResolver {

    static {
        // The caller comes from the guard, not from the request: no parameter in the API documents.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Caller.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container, NativeWebRequest request,
            WebDataBinderFactory binders) {
        if (request.getAttribute(Caller.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST) instanceof Caller caller) {
            return caller;
        }
        // Only a handler outside /admin/** would get here: no administrator, no action.
        throw new Refusal(ErrorCode.INVALID_TOKEN, ErrorBodies.NO_TOKEN);
    }
}
