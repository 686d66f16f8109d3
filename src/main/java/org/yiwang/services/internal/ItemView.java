package org.yiwang.services.internal;

import java.time.OffsetDateTime;
import java.util.List;

import tools.jackson.databind.JsonNode;

import org.yiwang.services.Fee;
import org.yiwang.services.Material;
import org.yiwang.services.ServiceItem;
import org.yiwang.services.ServiceZone;

/** The JSON shape of an item version in the API (form schema as a JSON object, Chinese names beside codes). */
record ItemView(String id, String basicCode, String implementationCode, int version, String status, String name,
                String type, String typeName, String level, String legalBasis, int statutoryDays, int promisedDays,
                String departmentId, String departmentName, int handlingType, String handlingTypeName, boolean free,
                List<Fee> fees, List<MaterialView> materials, JsonNode formSchema, List<String> keywords,
                List<String> synonyms, List<ZoneView> zones, OffsetDateTime publishedAt) {

    record MaterialView(String name, boolean required, int originals, int copies, String format, String licenseType,
                        String registryLookup, boolean exempt) {
        static MaterialView of(Material m) {
            return new MaterialView(m.name(), m.required(), m.originals(), m.copies(), m.format(), m.licenseType(),
                    m.registryLookup(), m.exempt());
        }
    }

    record ZoneView(String code, String name, String nameEn) {
        static ZoneView of(ServiceZone z) {
            return new ZoneView(z.name(), z.zh(), z.en());
        }
    }

    static ItemView of(ServiceItem i) {
        return new ItemView(i.id(), i.basicCode(), i.implementationCode(), i.version(), i.status().name(), i.name(),
                i.type().name(), i.type().zh(), i.level().name(), i.legalBasis(), i.statutoryDays(), i.promisedDays(),
                i.departmentId(), i.departmentName(), i.handlingType(), i.handlingType() == ServiceItem.IMMEDIATE ? "即办件" : "承诺件",
                i.free(), i.fees(), i.materials().stream().map(MaterialView::of).toList(), ItemStore.JSON.readTree(i.formSchema()),
                i.keywords(), i.synonyms(), i.zones().stream().map(ZoneView::of).toList(), i.publishedAt());
    }

    /** A search result row. */
    record HitView(String id, String implementationCode, String basicCode, String name, String highlight, float score,
                   String type, String typeName, String level, String departmentId, String departmentName,
                   int promisedDays, int statutoryDays, boolean free, List<ZoneView> zones) {
        static HitView of(org.yiwang.services.SearchHit h) {
            ServiceItem i = h.item();
            return new HitView(i.id(), i.implementationCode(), i.basicCode(), i.name(), h.highlight(), h.score(), i.type().name(),
                    i.type().zh(), i.level().name(), i.departmentId(), i.departmentName(), i.promisedDays(), i.statutoryDays(),
                    i.free(), i.zones().stream().map(ZoneView::of).toList());
        }
    }
}
