package dev.tenantcore.contracts.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class PageQueryTest {

    @Test
    void computesOffsetFromOneBasedPage() {
        assertThat(new PageQuery(3, 20, null).offset()).isEqualTo(40);
    }

    @Test
    void rejectsPageBelowOneAndLimitAboveMaximum() {
        assertThatIllegalArgumentException().isThrownBy(() -> new PageQuery(0, 20, null));
        assertThatIllegalArgumentException().isThrownBy(() -> new PageQuery(1, 101, null));
    }

    @Test
    void mapsStatusesToStableCodes() {
        assertThat(ErrorCode.forStatus(415)).isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
        assertThat(ErrorCode.forStatus(502).code()).isEqualTo("unavailable");
        assertThat(ErrorCode.forStatus(418)).isEqualTo(ErrorCode.VALIDATION_FAILED);
    }
}
