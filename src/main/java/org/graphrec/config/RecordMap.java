package org.graphrec.config;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A record as a JSON-friendly map: one entry per component, in declaration order, named as the component; map
 * components are copied sorted by key, so the JSON they become does not depend on hash order. A component added to
 * the record appears in the map without anyone having to remember it.
 */
public final class RecordMap {

    private RecordMap() {
    }

    /** The components of {@code record} and their values. */
    public static Map<String, Object> of(Record record) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            Object value = value(record, component);
            map.put(component.getName(), value instanceof Map<?, ?> m ? new TreeMap<>(m) : value);
        }
        return map;
    }

    private static Object value(Record record, RecordComponent component) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component.getName() + " of "
                    + record.getClass().getSimpleName(), e);
        }
    }
}
