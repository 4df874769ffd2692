package com.example.sessions.browser;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The app's pages as a person uses them: fill in, click, read. One object for the whole
 * site, since every page shares the layout.
 */
final class Site {

	private final ChromeDriver driver;

	private final String baseUrl;

	Site(ChromeDriver driver, int port) {
		this.driver = driver;
		this.baseUrl = "http://127.0.0.1:" + port;
	}

	Site open(String path) {
		this.driver.get(this.baseUrl + path);
		return this;
	}

	Site signIn(String name, boolean rememberMe) {
		open("/login");
		type("name", name);
		WebElement checkbox = this.driver.findElement(By.id("rememberMe"));
		if (checkbox.isSelected() != rememberMe) {
			checkbox.click();
		}
		submit(By.cssSelector("main form button[type=submit]"));
		return this;
	}

	Site signOut() {
		submit(By.cssSelector("nav form button[type=submit]"));
		return this;
	}

	Site addToCart(String productLabel) {
		return press(By.cssSelector("button[aria-label='" + productLabel + "']"));
	}

	Site nav(String label) {
		this.driver
			.findElement(By
				.xpath("//nav//a[normalize-space(.)='" + label + "' or span[normalize-space(.)='" + label + "']]"))
			.click();
		return this;
	}

	Site type(String field, String text) {
		WebElement input = this.driver.findElement(By.id(field));
		input.clear();
		input.sendKeys(text);
		return this;
	}

	Site press(By button) {
		submit(button);
		return this;
	}

	Site choose(String id) {
		this.driver.findElement(By.id(id)).click();
		return this;
	}

	Site select(String id, String value) {
		this.driver.findElement(By.cssSelector("#" + id + " option[value='" + value + "']")).click();
		return this;
	}

	String value(String field) {
		return this.driver.findElement(By.id(field)).getDomProperty("value");
	}

	String heading() {
		return this.driver.findElement(By.tagName("h1")).getText();
	}

	String text() {
		return this.driver.findElement(By.tagName("main")).getText();
	}

	String cartBadge() {
		return this.driver.findElement(By.cssSelector("nav .badge")).getText();
	}

	String path() {
		return this.driver.getCurrentUrl().substring(this.baseUrl.length());
	}

	String htmlAttribute(String name) {
		return this.driver.findElement(By.tagName("html")).getDomAttribute(name);
	}

	String panelFact(String cssClass) {
		return this.driver.findElement(By.cssSelector(".facts ." + cssClass)).getText();
	}

	List<String> panelAttributes() {
		return this.driver.findElements(By.cssSelector("table.attributes tbody code"))
			.stream()
			.map(WebElement::getText)
			.toList();
	}

	Optional<Cookie> cookie(String name) {
		return Optional.ofNullable(this.driver.manage().getCookieNamed(name));
	}

	/**
	 * The first focusable element, then what Tab moves the keyboard focus to, in order:
	 * the accessible names (or #ids) of {@code count} elements.
	 */
	List<String> focusOrder(int count) {
		this.driver.executeScript("document.querySelector('a[href], button, input, select, textarea').focus()");
		List<String> order = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			if (i > 0) {
				new Actions(this.driver).sendKeys(Keys.TAB).perform();
			}
			WebElement focused = this.driver.switchTo().activeElement();
			String id = focused.getDomAttribute("id");
			order.add((id != null && !id.isEmpty()) ? "#" + id : focused.getAccessibleName());
		}
		return order;
	}

	/**
	 * Whether the page fits the window's width: nothing to scroll sideways.
	 */
	boolean fitsTheWindow() {
		return (Boolean) this.driver.executeScript("return document.documentElement.scrollWidth <= window.innerWidth");
	}

	/**
	 * Clicks and waits for the next page (the clicked button goes stale with the old
	 * one).
	 */
	private void submit(By button) {
		WebElement clicked = this.driver.findElement(button);
		clicked.click();
		waitForTheNextPage(clicked);
	}

	/**
	 * Waits until the element of the page just left is gone from the document. While the
	 * next page loads, Chromium reports that as a stale element or, sometimes, as a node
	 * that "does not belong to the document": both mean the same.
	 */
	private void waitForTheNextPage(WebElement onTheOldPage) {
		new WebDriverWait(this.driver, Duration.ofSeconds(10)).until((driver) -> {
			try {
				onTheOldPage.isEnabled();
				return false;
			}
			catch (WebDriverException ex) {
				return true;
			}
		});
	}

}
