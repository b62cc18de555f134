package webtalk.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

/**
 * The house rules of docs/architecture.md, checked on the production classes: arrows point inward
 * (implementations import the domain, never the reverse), {@code socketio} is a library that knows
 * nothing of WebTalk, and no two top-level packages need each other. One import of the classes
 * serves every rule.
 */
class ArchitectureTest {

    private static final JavaClasses WEBTALK = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("webtalk");

    private static final String CHAT = "webtalk.chat..";

    @Test
    void chatKnowsNoTransportAndNoWebFramework() {
        noClasses().that().resideInAPackage(CHAT)
                .should().dependOnClassesThat().resideInAnyPackage(
                        "webtalk.socketio..", "webtalk.web..", "webtalk.realtime..",
                        "io.javalin..", "org.eclipse.jetty..", "jakarta.servlet..")
                .because("the domain is reached from the transports, never the other way (docs/architecture.md)")
                .check(WEBTALK);
    }

    @Test
    void chatKnowsNoWiringAndNoOperations() {
        noClasses().that().resideInAPackage(CHAT)
                .should().dependOnClassesThat().resideInAnyPackage("webtalk.app..", "webtalk.ops..")
                .because("app chooses the parts and ops reads them; the domain knows neither")
                .check(WEBTALK);
    }

    @Test
    void chatKnowsNoStorageFanOutOrPresenceImplementation() {
        noClasses().that().resideInAPackage(CHAT)
                .should().dependOnClassesThat().resideInAnyPackage(
                        "webtalk.store..", "webtalk.fanout..", "webtalk.presence..",
                        "java.sql..", "javax.sql..", "org.sqlite..", "org.flywaydb..")
                .because("chat owns its ports; store, fanout and presence implement them (docs/architecture.md)")
                .check(WEBTALK);
    }

    @Test
    void adminKnowsNoStorageFanOutOrPresenceImplementation() {
        noClasses().that().resideInAPackage("webtalk.admin..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "webtalk.store..", "webtalk.fanout..", "webtalk.presence..", "java.sql..", "org.sqlite..")
                .because("admin owns its AuditTrail port; the store implements it")
                .check(WEBTALK);
    }

    @Test
    void securityKnowsNoStorage() {
        noClasses().that().resideInAPackage("webtalk.security..")
                .should().dependOnClassesThat().resideInAnyPackage("webtalk.store..", "java.sql..", "org.sqlite..")
                .because("security reaches stored state through a port (AdminCredentials), or chat→security→store closes a cycle")
                .check(WEBTALK);
    }

    @Test
    void aStoreReachesNoEdgeAndUsesAdminOnlyForItsAuditTrail() {
        noClasses().that().resideInAPackage("webtalk.store..")
                .should().dependOnClassesThat().resideInAnyPackage("webtalk.app..", "webtalk.web..", "webtalk.realtime..",
                        "webtalk.socketio..", "webtalk.fanout..", "webtalk.presence..", "webtalk.ops..")
                .because("a store implements ports; it is chosen and wired by app, never the reverse")
                .check(WEBTALK);
        noClasses().that().resideInAPackage("webtalk.store..")
                .should().dependOnClassesThat(resideInAPackage("webtalk.admin..")
                        .and(not(name("webtalk.admin.AuditTrail"))).and(not(name("webtalk.admin.AuditEntry"))))
                .because("admin's only port is its AuditTrail")
                .check(WEBTALK);
    }

    @Test
    void socketioKnowsNothingOfWebTalk() {
        noClasses().that().resideInAPackage("webtalk.socketio..")
                .should().dependOnClassesThat(resideInAPackage("webtalk..").and(not(resideInAPackage("webtalk.socketio.."))))
                .because("socketio is our Engine.IO/Socket.IO library: it could ship without WebTalk")
                .check(WEBTALK);
    }

    @Test
    void configAndContractKnowNoImplementation() {
        noClasses().that().resideInAnyPackage("webtalk.config..", "webtalk.contract..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "webtalk.app..", "webtalk.store..", "webtalk.fanout..", "webtalk.presence..", "webtalk.socketio..",
                        "webtalk.realtime..", "webtalk.web..", "webtalk.ops..", "io.javalin..", "org.eclipse.jetty..")
                .because("settings and the public vocabulary are read by every edge, so they lean on none")
                .check(WEBTALK);
    }

    @Test
    void onlyTheEntryPointKnowsTheWiring() {
        noClasses().that().resideOutsideOfPackage("webtalk.app..")
                .should().dependOnClassesThat().resideInAPackage("webtalk.app..")
                .because("app chooses and starts the parts; no part reaches back into it")
                .check(WEBTALK);
    }

    @Test
    void topLevelPackagesAreFreeOfCycles() {
        slices().matching("webtalk.(*)..").should().beFreeOfCycles().check(WEBTALK);
    }

    @Test
    void socketioAndItsWebSocketLayerAreFreeOfCycles() {
        // The WebSocket layer is the floor under Engine.IO: it never reaches up into it.
        slices().matching("webtalk.socketio.(**)").should().beFreeOfCycles().check(WEBTALK);
        noClasses().that().resideInAPackage("webtalk.socketio.websocket..")
                .should().dependOnClassesThat().resideInAPackage("webtalk.socketio")
                .check(WEBTALK);
    }

    @Test
    void chatClassesArePublicOnlyWhenUsedOutsideChat() {
        // Ports are exempt: an interface such as Bans is public so that a store in another package can implement it.
        classes().that().resideInAPackage("webtalk.chat").and().arePublic().and().areTopLevelClasses().and().areNotInterfaces()
                .should(beUsedOutside("webtalk.chat"))
                .because("classes are package-private unless another package needs them (STYLE.md, 16)")
                .check(WEBTALK);
    }

    private static ArchCondition<JavaClass> beUsedOutside(String packageName) {
        return new ArchCondition<>("be used outside " + packageName) {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                boolean used = item.getDirectDependenciesToSelf().stream()
                        .map(Dependency::getOriginClass)
                        .anyMatch(origin -> !origin.getPackageName().equals(packageName));
                if (!used) {
                    events.add(SimpleConditionEvent.violated(item, item.getName()
                            + " is public but nothing outside " + packageName + " uses it: make it package-private"));
                }
            }
        };
    }
}
