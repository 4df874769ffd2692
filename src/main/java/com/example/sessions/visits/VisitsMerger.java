package com.example.sessions.visits;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import com.example.sessions.store.SessionAttributeMerger;

/**
 * The page count, changed by a request while other tabs' page loads count it: "Start
 * over" clears it. The pages counted meanwhile are added to what that request stores, so
 * starting over is not refused because a page was loaded in between, and those pages
 * count after the start. A stored count below the one this request loaded was started
 * over meanwhile (another "Start over"): all of it was counted since.
 */
@Component
class VisitsMerger implements SessionAttributeMerger {

	@Override
	public String attribute() {
		return PageViews.ATTRIBUTE;
	}

	@Override
	public @Nullable Object merge(@Nullable Object base, @Nullable Object mine, @Nullable Object theirs) {
		long loaded = count(base);
		long stored = count(theirs);
		long merged = count(mine) + ((stored >= loaded) ? stored - loaded : stored);
		return (merged > 0) ? merged : null;
	}

	private static long count(@Nullable Object visits) {
		return (visits instanceof Number number) ? number.longValue() : 0;
	}

}
