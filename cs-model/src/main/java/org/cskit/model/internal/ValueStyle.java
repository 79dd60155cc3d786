package org.cskit.model.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;

/**
 * The one Immutables style of cskit: generated {@code Immutable*} classes are package-private and
 * hidden behind each type's {@code builder()}; collections are plain JDK ones, so Guava is not
 * needed at run time. Source retention, so no compiled class depends on this package.
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
