package org.yiwang.registries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import org.yiwang.crypto.PersonalDataKind;
import org.yiwang.crypto.PersonalDataVault;
import org.yiwang.registries.internal.RegistryImportService;
import org.yiwang.registries.internal.RegistryQueries;
import org.yiwang.shared.ids.ChineseIds;
import org.yiwang.shared.imports.ImportResult;
import org.yiwang.shared.imports.ImportRows;
import org.yiwang.shared.security.Caller;
import org.yiwang.shared.web.FieldViolation;
import org.yiwang.shared.web.ProblemException;
import org.yiwang.support.AsCaller;
import org.yiwang.support.IntegrationTest;

/** The base registries through their services: demo data, encryption at rest, blind-index lookup, imports, scope and masking. */
class RegistriesTest extends IntegrationTest {

    static final Caller IMPORTER = AsCaller.admin("registry:import");

    @Autowired
    PersonRegistry persons;
    @Autowired
    LegalEntityRegistry entities;
    @Autowired
    RegistryImportService imports;
    @Autowired
    RegistryQueries queries;
    @Autowired
    PersonalDataVault vault;

    private ImportResult importPersons(String csv) {
        return AsCaller.call(IMPORTER, () -> imports.importPersons(
                ImportRows.parse(csv.getBytes(StandardCharsets.UTF_8), ImportRows.Format.CSV, RegistryImportService.PERSON_FIELDS)));
    }

    private ImportResult importEntities(String csv) {
        return AsCaller.call(IMPORTER, () -> imports.importLegalEntities(
                ImportRows.parse(csv.getBytes(StandardCharsets.UTF_8), ImportRows.Format.CSV, RegistryImportService.ENTITY_FIELDS)));
    }

    private static List<String> fields(Throwable e) {
        return ((ProblemException) e).violations().stream().map(FieldViolation::field).toList();
    }

    /** A valid ID number with this 17-digit body. */
    static String id(String first17) {
        return first17 + ChineseIds.residentIdCheckChar(first17);
    }

    @Test
    void demoRegistriesHoldTheFixedIdentities() {
        assertThat(jdbc.queryForObject("select count(*) from reg_person", Integer.class)).isGreaterThanOrEqualTo(20);
        assertThat(jdbc.queryForObject("select count(*) from reg_legal_entity", Integer.class)).isGreaterThanOrEqualTo(8);
        PersonRecord zhang = persons.findByIdNumber("339902199003071232").orElseThrow();
        assertThat(zhang.name()).isEqualTo("张明华");
        assertThat(zhang.sex()).isEqualTo("M");
        assertThat(zhang.birthDate()).isEqualTo(LocalDate.of(1990, 3, 7));
        assertThat(zhang.regionCode()).isEqualTo("339902001001");
        assertThat(zhang.sourceDepartmentId()).isEqualTo("city-psb");
        assertThat(persons.find(zhang.id())).contains(zhang);
        assertThat(persons.findByIdNumber("339903198511204566")).get().extracting(PersonRecord::name, PersonRecord::sex, PersonRecord::regionCode)
                .containsExactly("李秀英", "F", "339903001001");
        assertThat(persons.findByIdNumber("33990220101218428x")).as("lower-case check character").get()
                .extracting(PersonRecord::name).isEqualTo("梁淑珍");
        assertThat(persons.findByIdNumber("339902199003071233")).as("wrong check character").isEmpty();
        assertThat(persons.findByIdNumber(null)).isEmpty();

        LegalEntityRecord tech = entities.findByCreditCode("91339902ma2yw0001p").orElseThrow();
        assertThat(tech.name()).isEqualTo("示例科技有限公司");
        assertThat(tech.entityType()).isEqualTo(EntityType.COMPANY);
        assertThat(tech.status()).isEqualTo(EntityStatus.ACTIVE);
        assertThat(tech.legalRepresentativeName()).isEqualTo("王建国");
        assertThat(tech.legalRepresentativeIdIndex()).isEqualTo(vault.blindIndex(PersonalDataKind.ID_NUMBER, "339902197806153216"));
        assertThat(entities.find(tech.id())).contains(tech);
        assertThat(entities.findByCreditCode("92339903MA2YW00026")).get().extracting(LegalEntityRecord::entityType)
                .isEqualTo(EntityType.INDIVIDUAL_BUSINESS);
        assertThat(entities.findByLegalRepresentative("339902197806153216")).extracting(LegalEntityRecord::creditCode)
                .containsExactly("91339902MA2YW0001P");
    }

    @Test
    void personalDataIsStoredEncryptedAndFoundThroughTheBlindIndex() {
        Map<String, Object> raw = jdbc.queryForMap("select * from reg_person where name = '张明华'");
        assertThat(raw.values()).allSatisfy(v -> assertThat(String.valueOf(v)).doesNotContain("339902199003071232")
                .doesNotContain("13800000001").doesNotContain("柳岸社区2幢"));
        assertThat((String) raw.get("id_number_enc")).startsWith("sm4gcm:");
        assertThat((String) raw.get("id_number_bidx")).isEqualTo(vault.blindIndex(PersonalDataKind.ID_NUMBER, "339902199003071232"));
        Map<String, Object> entity = jdbc.queryForMap("select * from reg_legal_entity where credit_code = '91339902MA2YW0001P'");
        assertThat(entity.values()).allSatisfy(v -> assertThat(String.valueOf(v)).doesNotContain("339902197806153216"));
        // the ciphertext decrypts to the ID number (the vault reveals it, audited)
        PersonRecord zhang = persons.findByIdNumber("339902199003071232").orElseThrow();
        assertThat(vault.reveal(PersonalDataKind.ID_NUMBER, zhang.idNumberCipher(), zhang.subjectRef(), "test")).isEqualTo("339902199003071232");
        assertThat(vault.reveal(PersonalDataKind.PHONE, zhang.phoneCipher(), zhang.subjectRef(), "test")).isEqualTo("13800000001");
    }

    @Test
    void aPersonImportWithAnyBadRowIsRejectedWholeListingEveryBadRow() {
        String good = id("33990219950101001");
        String badCheck = good.substring(0, 17) + (good.charAt(17) == '0' ? '1' : '0');
        String file = """
                idNumber,name,phone,address,regionCode,sourceDepartmentId
                %s,好人,13900001111,示例市东湖区湖滨街道,339902001001,city-psb
                %s,校验位错,13900001112,,339902001001,city-psb
                %s,未知区划,,,339902009009,city-psb
                %s,未知部门,,,339902001001,no-such-dept
                %s,同一人,,,339902001001,city-psb
                %s,街道级,12345,,339902001000,city-psb
                ,没有号码,,,339902001001,city-psb
                """.formatted(good, badCheck, id("33990219950101002"), id("33990219950101003"), good, id("33990219950101004"));
        assertThatThrownBy(() -> importPersons(file)).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.status().value()).isEqualTo(400);
            assertThat(e.messageEn()).contains("6 invalid row");
        }).satisfies(e -> assertThat(fields(e)).containsExactly("rows[2].idNumber", "rows[3].regionCode", "rows[4].sourceDepartmentId",
                "rows[5].idNumber", "rows[6].phone", "rows[6].regionCode", "rows[7].idNumber"));
        assertThat(persons.findByIdNumber(good)).as("the good row was not written either").isEmpty();
    }

    @Test
    void personImportUpsertsByIdNumberAndRefreshesSourceAndTime() {
        String idNumber = id("33990319880808123");
        String v1 = "idNumber,name,phone,address,regionCode,sourceDepartmentId\n" + idNumber + ",测试甲,13911112222,旧住址,339903001002,city-psb\n";
        assertThat(importPersons(v1)).isEqualTo(new ImportResult(1, 1, 0, 0));
        PersonRecord first = persons.findByIdNumber(idNumber).orElseThrow();
        assertThat(importPersons(v1.replace("city-psb", "city-civil"))).isEqualTo(new ImportResult(1, 0, 0, 1));
        PersonRecord second = persons.findByIdNumber(idNumber).orElseThrow();
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.sourceDepartmentId()).isEqualTo("city-civil");
        assertThat(second.updatedAt()).isAfterOrEqualTo(first.updatedAt());
        assertThat(importPersons(v1.replace("13911112222", "139 1111 3333").replace("旧住址", "新住址")))
                .isEqualTo(new ImportResult(1, 0, 1, 0));
        PersonRecord third = persons.findByIdNumber(idNumber).orElseThrow();
        assertThat(vault.reveal(PersonalDataKind.PHONE, third.phoneCipher(), third.subjectRef(), "test")).isEqualTo("13911113333");
        assertThat(vault.reveal(PersonalDataKind.ADDRESS, third.addressCipher(), third.subjectRef(), "test")).isEqualTo("新住址");
        assertThat(jdbc.queryForObject("select count(*) from reg_person where id_number_bidx = ?", Integer.class,
                vault.blindIndex(PersonalDataKind.ID_NUMBER, idNumber))).isEqualTo(1);
    }

    @Test
    void legalEntityImportValidatesCodesTypesAndDuplicates() {
        String rep = "339902199003071232";
        String ok = "91339902MA2YWT001" + ChineseIds.creditCodeCheckChar("91339902MA2YWT001");
        String coop = "93339903MA2YWT002" + ChineseIds.creditCodeCheckChar("93339903MA2YWT002");
        String file = """
                creditCode,name,entityType,legalRepresentative,legalRepresentativeIdNumber,registeredAddress,regionCode,establishedOn,status,sourceDepartmentId
                %s,测试公司,公司,张明华,%s,地址,339902000000,2020-01-02,存续,dh-amr
                91339902MA2YWT0010,坏代码,COMPANY,张明华,%s,,339902000000,,,dh-amr
                %s,类型不符,COMPANY,张明华,%s,,339903000000,2020/1/2,ACTIVE,xs-amr
                %s,重复,COMPANY,张明华,%s,,339902000000,,,dh-amr
                %s,坏状态,FARMER_COOPERATIVE,张明华,%s,,339903000000,2999-01-01,停业,xs-amr
                """.formatted(ok, rep, rep, coop, rep, ok, rep, coop.substring(0, 17) + "X", rep);
        assertThatThrownBy(() -> importEntities(file)).satisfies(e -> assertThat(fields(e)).containsExactly(
                "rows[2].creditCode", "rows[3].entityType", "rows[4].creditCode", "rows[5].creditCode", "rows[5].establishedOn", "rows[5].status"));
        assertThat(entities.findByCreditCode(ok)).isEmpty();

        String good = """
                统一社会信用代码,名称,主体类型,法定代表人,法定代表人身份证号,住所,区划代码,成立日期,登记状态,提供部门
                %s,测试公司,公司,张明华,%s,地址,339902000000,2020-01-02,存续,dh-amr
                %s,测试合作社,农民专业合作社,李秀英,339903198511204566,,339903100000,2019年5月6日,,xs-amr
                """.formatted(ok, rep, coop);
        assertThat(importEntities(good)).isEqualTo(new ImportResult(2, 2, 0, 0));
        assertThat(importEntities(good.replace("存续", "注销"))).isEqualTo(new ImportResult(2, 0, 1, 1));
        assertThat(entities.findByCreditCode(ok)).get().extracting(LegalEntityRecord::status, LegalEntityRecord::establishedOn)
                .containsExactly(EntityStatus.DEREGISTERED, LocalDate.of(2020, 1, 2));
        assertThat(entities.findByCreditCode(coop)).get().extracting(LegalEntityRecord::establishedOn, LegalEntityRecord::status)
                .containsExactly(LocalDate.of(2019, 5, 6), EntityStatus.ACTIVE);
    }

    @Test
    void officersReadWithinTheirScopeMaskedUnlessAllowedInFull() {
        PersonRecord zhang = persons.findByIdNumber("339902199003071232").orElseThrow();
        PersonRecord li = persons.findByIdNumber("339903198511204566").orElseThrow();
        Caller donghu = AsCaller.officer(Set.of("339902"), "registry:read");
        RegistryQueries.PersonView masked = AsCaller.call(donghu, () -> queries.person(zhang.id()));
        assertThat(masked.masked()).isTrue();
        assertThat(masked.idNumber()).isEqualTo("339***********1232");
        assertThat(masked.phone()).isEqualTo("138****0001");
        assertThat(masked.name()).isEqualTo("张*华");
        assertThat(masked.birthDate()).isNull();
        assertThat(AsCaller.call(donghu, () -> queries.personByIdNumber("339903198511204566"))).as("西山区 is outside 东湖区").isEmpty();
        assertThatThrownBy(() -> AsCaller.call(donghu, () -> queries.person(li.id())))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status().value()).isEqualTo(404));
        RegistryQueries.Page<RegistryQueries.PersonView> page = AsCaller.call(donghu, () -> queries.persons(null, 0, 200));
        assertThat(page.items()).isNotEmpty().allSatisfy(p -> assertThat(p.regionCode()).startsWith("339902"));

        int audited = jdbc.queryForObject("select count(*) from audit_entry where action = 'personal-data.read' and target = ?",
                Integer.class, zhang.subjectRef());
        Caller full = AsCaller.officer(Set.of("3399"), "registry:read", PersonalDataVault.READ_FULL);
        RegistryQueries.PersonView clear = AsCaller.call(full, () -> queries.personByIdNumber("339902199003071232")).orElseThrow();
        assertThat(clear.masked()).isFalse();
        assertThat(clear.idNumber()).isEqualTo("339902199003071232");
        assertThat(clear.name()).isEqualTo("张明华");
        assertThat(clear.birthDate()).isEqualTo(LocalDate.of(1990, 3, 7));
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where action = 'personal-data.read' and target = ?",
                Integer.class, zhang.subjectRef())).as("full reads are audited").isEqualTo(audited + 3);

        Caller noPermission = AsCaller.officer(Set.of("3399"));
        assertThatThrownBy(() -> AsCaller.call(noPermission, () -> queries.person(zhang.id())))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status().value()).isEqualTo(403));
    }
}
