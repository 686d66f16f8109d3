package org.yiwang.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import org.yiwang.shared.security.Caller;
import org.yiwang.shared.security.Callers;

/** Puts the signed-in caller and the city's name into every page's model, for the layout. */
@ControllerAdvice(annotations = Controller.class)
class ShellModel {

    private final String cityName;

    ShellModel(@Value("${yiwang.city-name:示例市}") String cityName) {
        this.cityName = cityName;
    }

    @ModelAttribute("cityName")
    String cityName() {
        return cityName;
    }

    @ModelAttribute("caller")
    Caller caller() {
        return Callers.find().orElse(null);
    }
}
