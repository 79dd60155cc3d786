/**
 * The {@code support-pressure} scoring strategy: {@link com.example.cskit.supportpressure.SupportPressure},
 * configured by a {@link com.example.cskit.supportpressure.SupportPressure.Config} and provided to cskit by
 * {@link com.example.cskit.supportpressure.SupportPressureProvider}.
 */
package com.example.cskit.supportpressure;
