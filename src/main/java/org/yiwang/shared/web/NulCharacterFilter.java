package org.yiwang.shared.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses query and form parameters containing the NUL character (U+0000, {@code %00}) with 400 naming the parameter,
 * before any controller sees them: PostgreSQL cannot store NUL in text ("invalid byte sequence for encoding UTF8: 0x00"),
 * so such input would otherwise surface as a server error on PostgreSQL only. JSON bodies are covered by
 * {@link ProblemHandler} (SQLState 22021 → 400); multipart bodies are left to the upload checks.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
public class NulCharacterFilter extends OncePerRequestFilter {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String bad = null;
        String contentType = request.getContentType();
        boolean multipart = contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/");
        if (multipart) {
            String query = request.getQueryString();
            bad = query != null && query.toLowerCase(java.util.Locale.ROOT).contains("%00") ? "query" : null;
        } else {
            for (Map.Entry<String, String[]> e : request.getParameterMap().entrySet()) {
                if (e.getKey().indexOf('\0') >= 0 || java.util.Arrays.stream(e.getValue()).anyMatch(v -> v != null && v.indexOf('\0') >= 0)) {
                    bad = e.getKey().replace('\0', '?');
                    break;
                }
            }
        }
        if (bad == null) {
            chain.doFilter(request, response);
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!path.startsWith("/api/") && !path.startsWith("/open311/") && !path.startsWith("/govstack/")) {
            response.sendError(HttpStatus.BAD_REQUEST.value());
            return;
        }
        ProblemDetail pd = Problems.body(HttpStatus.BAD_REQUEST, "invalid-characters", "输入含有不允许的控制字符（NUL）",
                "The input contains a character that is not allowed (NUL)",
                List.of(new FieldViolation(bad, "含有不允许的控制字符（NUL）", "contains a NUL character")));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", pd.getType().toString());
        body.put("title", pd.getTitle());
        body.put("status", pd.getStatus());
        body.put("detail", pd.getDetail());
        if (pd.getProperties() != null) {
            body.putAll(pd.getProperties());
        }
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(JSON.writeValueAsString(body));
    }
}
