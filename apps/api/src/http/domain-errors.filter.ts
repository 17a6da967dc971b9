import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { ForbiddenActionError, InvalidTransitionError, NotFoundError, UnprocessableError } from '@loa/campaigns';
import { AccountDisabledError, AccountLockedError, LoginFailedError, PartnerNotFoundError } from '@loa/auth';
import { DirectoryConflictError, DirectoryNotFoundError, DirectoryValidationError } from '@loa/directory';
import {
  RadioConflictError,
  RadioForbiddenError,
  RadioInputError,
  RadioNotFoundError,
  UnknownScriptError,
} from '@loa/radio';
import { InvalidNumberError, OrderConflictError, OrderNotFoundError, SmsTestRefusedError } from '@loa/sms';
import { BannerImageRefusedError } from '@loa/banner';

/** Maps domain errors to HTTP statuses with a message that names the problem; hides internals on 500. */
@Catch()
export class DomainErrorsFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const send = (status: number, error: string, message: string | string[]): void => {
      res.status(status).json({ statusCode: status, error, message });
    };
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      res
        .status(exception.getStatus())
        .json(typeof body === 'string' ? { statusCode: exception.getStatus(), message: body } : body);
      return;
    }
    if (exception instanceof NotFoundError) return send(404, 'Not Found', exception.message);
    if (exception instanceof InvalidTransitionError) return send(409, 'Conflict', exception.message);
    if (exception instanceof ForbiddenActionError) return send(403, 'Forbidden', exception.message);
    if (exception instanceof UnprocessableError) return send(422, 'Unprocessable Entity', exception.message);
    if (exception instanceof BannerImageRefusedError) return send(422, 'Unprocessable Entity', exception.message);
    if (exception instanceof SmsTestRefusedError) return send(422, 'Unprocessable Entity', exception.message);
    if (exception instanceof OrderNotFoundError) return send(404, 'Not Found', exception.message);
    if (exception instanceof OrderConflictError) return send(409, 'Conflict', exception.message);
    if (exception instanceof InvalidNumberError) return send(400, 'Bad Request', exception.message);
    if (exception instanceof UnknownScriptError) return send(404, 'Not Found', exception.message);
    if (exception instanceof RadioNotFoundError) return send(404, 'Not Found', exception.message);
    if (exception instanceof RadioConflictError) return send(409, 'Conflict', exception.message);
    if (exception instanceof RadioForbiddenError) return send(403, 'Forbidden', exception.message);
    if (exception instanceof RadioInputError) return send(422, 'Unprocessable Entity', exception.message);
    if (exception instanceof LoginFailedError) return send(401, 'Unauthorized', exception.message);
    if (exception instanceof AccountLockedError) return send(401, 'Unauthorized', exception.message);
    if (exception instanceof PartnerNotFoundError) return send(404, 'Not Found', exception.message);
    if (exception instanceof AccountDisabledError) return send(401, 'Unauthorized', exception.message);
    if (exception instanceof DirectoryNotFoundError) return send(404, 'Not Found', exception.message);
    if (exception instanceof DirectoryConflictError) return send(409, 'Conflict', exception.message);
    if (exception instanceof DirectoryValidationError) {
      // Every problem, with its line for imports, so a whole file can be fixed in one pass.
      res.status(422).json({
        statusCode: 422,
        error: 'Unprocessable Entity',
        message: exception.message,
        errors: exception.problems,
      });
      return;
    }
    if (exception instanceof Error && exception.name === 'DirectiveTooLargeError') {
      return send(413, 'Payload Too Large', exception.message);
    }
    this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    send(500, 'Internal Server Error', 'Internal error; see the server log for this request id');
  }
}
