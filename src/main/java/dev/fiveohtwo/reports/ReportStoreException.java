package dev.fiveohtwo.reports;

/** The database under a {@link ReportStore} cannot be read or written; the cause says why. */
public final class ReportStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ReportStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
