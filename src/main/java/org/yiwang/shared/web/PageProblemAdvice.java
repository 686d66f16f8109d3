package org.yiwang.shared.web;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * A {@link ProblemException} escaping a page controller (e.g. an unknown filter value in a query string) is the
 * caller's mistake: the error page with the problem's status (400, 404, 409 …), never a 500. REST controllers keep
 * their problem+json from {@link ProblemHandler}, which is consulted first.
 */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
public class PageProblemAdvice {

    @ExceptionHandler(ProblemException.class)
    ModelAndView problem(ProblemException e, HttpServletResponse response) {
        response.setStatus(e.status().value());
        ModelAndView mv = new ModelAndView("error");
        mv.addObject("status", e.status().value());
        mv.setStatus(e.status());
        return mv;
    }
}
