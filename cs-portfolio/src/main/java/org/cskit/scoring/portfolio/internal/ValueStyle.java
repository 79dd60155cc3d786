package org.cskit.scoring.portfolio.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;

/**
 * cs-portfolio's Immutables style, the same as cs-model's: generated {@code Immutable*} classes are
 * package-private behind each type's {@code builder()}; JDK collections only. Source retention.
 */
@Target({ElementType.PACKAGE, ElementType.TYPE})
@Retention(RetentionPolicy.SOURCE)
@Value.Style(
        visibility = Value.Style.ImplementationVisibility.PACKAGE,
        overshadowImplementation = true,
        jdkOnly = true,
        defaults = @Value.Immutable(copy = false),
        // No @Generated on generated code: downstream compilers would warn about an annotation
        // type (org.immutables.value.Generated) that is not on their class path.
        allowedClasspathAnnotations = {Override.class})
public @interface ValueStyle {}
