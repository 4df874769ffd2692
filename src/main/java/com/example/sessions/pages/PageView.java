package com.example.sessions.pages;

import java.util.Map;

import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import gg.jte.springframework.boot.autoconfigure.JteView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.web.servlet.resource.ResourceUrlProvider;

/**
 * Renders a jte template with its model and the {@link Page} (parameter {@code page}).
 * <p>
 * The page is written into memory first, then to the response in one go, never flushed:
 * the response passes through several wrappers (Spring Session, Spring Security) that do
 * bookkeeping on every write; a template that fails half-way has sent nothing, so the
 * error page can still be shown; and the response stays uncommitted until the request
 * ends, so Spring Session commits the session once (see
 * {@code store/SingleCommitFilter}), and Tomcat gives a page that fits its buffer a
 * {@code Content-Length}. (Setting that length here would make Spring Session commit as
 * soon as it is written.)
 */
final class PageView extends JteView {

	private static final String CONTENT_TYPE = "text/html;charset=UTF-8";

	private static final int EXPECTED_SIZE = 4096;

	private final TemplateEngine templates;

	private final MessageSource messages;

	private final ResourceUrlProvider assets;

	PageView(TemplateEngine templates, MessageSource messages, ResourceUrlProvider assets) {
		super(templates);
		this.templates = templates;
		this.messages = messages;
		this.assets = assets;
	}

	@Override
	protected void renderMergedTemplateModel(Map<String, Object> model, HttpServletRequest request,
			HttpServletResponse response) throws Exception {
		// The DispatcherServlet set the response's locale from the LocaleResolver just
		// before rendering.
		model.put("page", new Page(request, this.messages, this.assets, response.getLocale(), model));
		StringOutput html = new StringOutput(EXPECTED_SIZE);
		this.templates.render(getUrl(), model, html);
		response.setContentType(CONTENT_TYPE);
		response.getWriter().write(html.toString());
	}

}
