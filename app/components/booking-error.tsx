import { Link } from "@remix-run/react";
import type { BookingErrorCode } from "~/modules/booking/booking-errors";

/** A refused booking, said plainly; not enough credits comes with the way to get more. */
export function BookingError({ message, code }: { message: string; code?: unknown }) {
  return (
    <p className="form-error" role="alert" data-testid="booking-error">
      {message}
      {code === ("insufficient_credits" satisfies BookingErrorCode) ? (
        <>
          {" "}
          <Link to="/credits">Buy credits</Link>
        </>
      ) : null}
    </p>
  );
}

/** What a one-way mock costs, before booking, against the person's balance. */
export function PriceNotice({ price, balance }: { price: number; balance: number }) {
  const word = (n: number) => (n === 1 ? "credit" : "credits");
  return (
    <div className="stack">
      <p className="notice notice--info" data-testid="mock-price" data-price={price}>
        This one-way mock costs{" "}
        <strong>
          {price} {word(price)}
        </strong>
        . They are held from your balance when you book and go to your interviewer once the session
        is held and they have written your scorecard; cancel more than 24 hours ahead and they come
        back. <Link to="/credits">How credits work</Link>
      </p>
      {balance < price ? (
        <p className="notice notice--warning" role="status">
          You have {balance} {word(balance)}: not enough for this mock.{" "}
          <Link to="/credits">Buy credits</Link>, or book a swap: swaps are free.
        </p>
      ) : null}
    </div>
  );
}
