package org.cskit.spring.boot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** Reads the JSON files the properties name; every failure names the property. */
final class Resources {
    private final PathMatchingResourcePatternResolver resolver;

    Resources(ResourceLoader loader) {
        this.resolver = new PathMatchingResourcePatternResolver(loader);
    }

    /** The files a location or pattern matches, at least one. */
    Resource[] all(String property, String location) {
        if (location == null || location.isBlank()) {
            throw new CsKitConfigurationException(property + " must name a location such as classpath:cskit/file.json, but was '"
                    + location + "'");
        }
        try {
            Resource[] found = resolver.getResources(location.trim());
            java.util.List<Resource> existing = new java.util.ArrayList<>();
            for (Resource r : found) {
                if (r.exists()) {
                    existing.add(r);
                }
            }
            if (existing.isEmpty()) {
                throw new CsKitConfigurationException(property + " '" + location + "' matches no file");
            }
            existing.sort(java.util.Comparator.comparing(Resource::getDescription));
            return existing.toArray(new Resource[0]);
        } catch (java.io.FileNotFoundException e) {
            throw new CsKitConfigurationException(property + " '" + location + "' matches no file", e);
        } catch (IOException e) {
            throw new CsKitConfigurationException(property + " '" + location + "' could not be resolved: " + e.getMessage(), e);
        }
    }

    /** One file's text. */
    static String text(String property, Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CsKitConfigurationException(property + " (" + resource.getDescription() + ") could not be read: " + e.getMessage(), e);
        }
    }
}
