package webtalk.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import webtalk.chat.ChatError;
import webtalk.chat.ChatException;

/** A refusal's values travel by name next to its Portuguese text, so pages can translate it (issue #15). */
class RefusalPayloadsTest {

    @Test
    void aTemplatedRefusalCarriesItsValuesByName() {
        ChatException slow = new ChatException(ChatError.SLOW_MODE, 7L);
        assertEquals(Map.of("mensagem", "Modo lento: aguarde 7 s para enviar outra mensagem", "codigo", "modo_lento", "segundos", 7L),
                Payloads.socketError(slow));
        ChatException range = new ChatException(ChatError.SETTING_OUT_OF_RANGE, "minutos", 1, 525600);
        assertEquals(Map.of("erro", "Valor inválido para minutos: use de 1 a 525600", "codigo", "configuracao_invalida",
                "campo", "minutos", "minimo", 1, "maximo", 525600), Payloads.httpError(range));
    }

    @Test
    void aBanSaysWhenItEndsAsAnInstantAndNeverOverridesTheContractsFields() {
        ChatException banned = new ChatException(ChatError.BANNED).with("banido_ate", Instant.parse("2026-12-08T03:19:00Z"))
                .with("codigo", "outro");
        assertEquals(Map.of("mensagem", "Você está banido desta sala", "codigo", "banido", "banido_ate", "2026-12-08T03:19:00Z"),
                Payloads.socketError(banned));
    }

    @Test
    void aFixedRefusalIsUnchanged() {
        assertEquals(Map.of("erro", "Sala não encontrada", "codigo", "sala_inexistente"),
                Payloads.httpError(new ChatException(ChatError.ROOM_NOT_FOUND)));
    }
}
