/**
 * How pages are made: jte templates in {@code src/main/jte}, turned into Java by the
 * build ({@code jte-maven-plugin}; a template that does not compile fails the build, its
 * errors pointing into {@code target/generated-sources/jte}), rendered by
 * {@link com.example.sessions.pages.PageView}.
 * <p>
 * To add a page: a controller method returns the view name {@code x} and puts into the
 * model what the page shows; {@code src/main/jte/x.jte} declares {@code @param Page page}
 * and one {@code @param} per model attribute it reads, of the same name and type (a
 * form's validation errors come through {@code page.errors(name)}), and wraps its
 * {@code <main>} in {@code @template.layout(...)}. Its text comes from
 * {@code page.message(key)}, with the key in both {@code messages*.properties}; every
 * form that posts includes {@code @template.csrf(page = page)}. The compiled templates
 * live in their own package, so every type they read is public ({@code LoginForm},
 * {@code PreferencesForm}, {@code SessionDetails}, the cart's).
 */
package com.example.sessions.pages;
