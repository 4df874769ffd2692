package com.example.sessions.flash;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.web.servlet.FlashMap;

/**
 * Spring MVC's flash maps as the session keeps them: plain records, so the store's JSON
 * holds them whole (a {@link FlashMap} is a map with fields JSON would drop) and only
 * this app's types are read back.
 */
record StoredFlashMaps(List<Entry> maps) {

	static StoredFlashMaps of(List<FlashMap> flashMaps) {
		return new StoredFlashMaps(new ArrayList<>(flashMaps.stream().map(Entry::of).toList()));
	}

	List<FlashMap> toFlashMaps() {
		return new ArrayList<>(this.maps.stream().map(Entry::toFlashMap).toList());
	}

	/**
	 * One flash map: its attributes, for which request, and until when.
	 */
	record Entry(@Nullable String targetPath, Map<String, List<String>> targetParams, long expiresAt,
			Map<String, Object> attributes) {

		static Entry of(FlashMap flashMap) {
			Map<String, List<String>> params = new LinkedHashMap<>();
			flashMap.getTargetRequestParams().forEach((name, values) -> params.put(name, new ArrayList<>(values)));
			return new Entry(flashMap.getTargetRequestPath(), params, flashMap.getExpirationTime(),
					new LinkedHashMap<>(flashMap));
		}

		FlashMap toFlashMap() {
			FlashMap flashMap = new FlashMap();
			flashMap.setTargetRequestPath(this.targetPath);
			this.targetParams
				.forEach((name, values) -> values.forEach((value) -> flashMap.addTargetRequestParam(name, value)));
			flashMap.setExpirationTime(this.expiresAt);
			flashMap.putAll(this.attributes);
			return flashMap;
		}

	}

}
