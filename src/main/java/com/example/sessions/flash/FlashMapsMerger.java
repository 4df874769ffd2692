package com.example.sessions.flash;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import com.example.sessions.store.SessionAttributeMerger;

/**
 * Two requests changing the flash maps at the same moment (a form post in one tab adding
 * a message, a page in another showing one) both count: each request's additions and
 * removals are applied to what the other one stored.
 */
@Component
class FlashMapsMerger implements SessionAttributeMerger {

	@Override
	public String attribute() {
		return FlashMapsInSession.ATTRIBUTE;
	}

	@Override
	public @Nullable Object merge(@Nullable Object base, @Nullable Object mine, @Nullable Object theirs) {
		List<StoredFlashMaps.Entry> before = entries(base);
		List<StoredFlashMaps.Entry> after = entries(mine);
		// Differences as multisets: two equal notices (two posts in the same millisecond)
		// are two notices.
		List<StoredFlashMaps.Entry> removed = new ArrayList<>(before);
		after.forEach(removed::remove);
		List<StoredFlashMaps.Entry> added = new ArrayList<>(after);
		before.forEach(added::remove);
		List<StoredFlashMaps.Entry> merged = new ArrayList<>(entries(theirs));
		removed.forEach(merged::remove);
		merged.addAll(added);
		return merged.isEmpty() ? null : new StoredFlashMaps(merged);
	}

	private static List<StoredFlashMaps.Entry> entries(@Nullable Object maps) {
		return (maps instanceof StoredFlashMaps stored) ? stored.maps() : List.of();
	}

}
